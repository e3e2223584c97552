// Builds the web studio into web/dist, served by the orchestrator at /studio/.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/studio/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Everything the page needs comes from this origin: no CDN, no inlined remote fonts.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 300,
  },
});
