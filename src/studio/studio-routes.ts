import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Where the web studio is served; its pages are client-side routes under it. */
export const STUDIO_PATH = '/studio/';
/** The studio's build output (`npm run build` writes it; this file runs from dist/src/studio). */
export const STUDIO_DIR = join(__dirname, '..', '..', '..', 'web', 'dist');

/**
 * The studio's page: scripts and styles from this origin only; the API it talks to may be
 * another origin (a separate frontend deployment points it there), and so may the audio.
 */
const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // wavesurfer.js draws into a shadow root with its own <style> and style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  'media-src http: https: blob:',
  'connect-src http: https:',
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Serves the web studio (web/dist) at /studio/, public with or without API keys: the page
 * holds no data, and everything it fetches from the API carries the key. Hashed assets are
 * cached for good; the page itself is revalidated, and every page path gets it.
 */
export async function mountStudio(app: NestFastifyApplication, root = STUDIO_DIR): Promise<void> {
  const server = app.getHttpAdapter().getInstance();
  if (!existsSync(join(root, 'index.html'))) {
    server.get(`${STUDIO_PATH}*`, (_request, reply) => notBuilt(reply));
    server.get(STUDIO_PATH.slice(0, -1), (_request, reply) => notBuilt(reply));
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: STUDIO_PATH,
    index: 'index.html',
    dotfiles: 'ignore',
    setHeaders: (reply, path) => {
      if (basename(path) === 'index.html') pageHeaders(reply);
      else void reply.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  server.get(STUDIO_PATH.slice(0, -1), (_request, reply) => reply.redirect(STUDIO_PATH, 301));
  // Linkable pages (a job, the history) are the same document; the page routes itself.
  server.get(`${STUDIO_PATH}jobs/*`, (_request, reply) => {
    pageHeaders(reply);
    return reply.sendFile('index.html', root, { cacheControl: false });
  });
}

function pageHeaders(reply: FastifyReply): void {
  void reply.headers({ 'cache-control': 'no-cache', 'content-security-policy': PAGE_POLICY });
}

function notBuilt(reply: FastifyReply): FastifyReply {
  return reply
    .code(503)
    .type('text/plain; charset=utf-8')
    .send('The web studio is not built: run `npm run build` (or `npm start`), then reload.\n');
}
