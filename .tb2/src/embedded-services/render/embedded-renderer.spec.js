"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const promises_1 = require("node:fs/promises");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const node_test_1 = require("node:test");
const app_config_1 = require("../../config/app-config");
const generation_1 = require("../generation");
const wav_1 = require("../wav");
const embedded_renderer_1 = require("./embedded-renderer");
const TICK_MS = 5;
const MIN_TICKS = 5;
async function ticksDuring(work) {
    let ticks = 0;
    const timer = setInterval(() => ticks++, TICK_MS);
    try {
        const value = await work();
        return { ticks, value };
    }
    finally {
        clearInterval(timer);
    }
}
function scoreOf(instruments, tempo) {
    return (0, generation_1.compose)({
        instruments,
        tempo,
        key: 'A minor',
        genre: null,
        mood: null,
        seed: 7,
        seconds: 8,
    });
}
(0, node_test_1.describe)('embedded rendering off the event loop', () => {
    let artifacts;
    let config;
    let renderer;
    (0, node_test_1.before)(async () => {
        artifacts = await (0, promises_1.mkdtemp)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'embedded-renderer-'));
        config = new app_config_1.AppConfig({ ARTIFACTS_DIR: artifacts, EMBEDDED_RENDER_THREADS: '1' });
        renderer = new embedded_renderer_1.EmbeddedRenderer(config);
    });
    (0, node_test_1.after)(async () => {
        await renderer.onApplicationShutdown();
        await (0, promises_1.rm)(artifacts, { recursive: true, force: true });
    });
    (0, node_test_1.it)('keeps the API thread turning while stems render and mix', async () => {
        const instruments = ['drums', 'bass', 'synth', 'lead'];
        const score = scoreOf(instruments, 120);
        const { ticks, value } = await ticksDuring(async () => {
            const stems = await Promise.all(instruments.map((instrument) => renderer.renderStem(score, instrument)));
            return renderer.mixAndMaster(stems);
        });
        strict_1.default.equal(value.toString('latin1', 0, 4), 'RIFF');
        strict_1.default.ok(ticks >= MIN_TICKS, `the event loop turned only ${ticks} times during the render`);
    });
    (0, node_test_1.it)('renders the same bytes as the synthesizer and encoder on this thread', async () => {
        const score = scoreOf(['bass', 'piano'], 96);
        const expected = (0, wav_1.encodeWav)((0, generation_1.renderStem)(score, 'bass'), 16);
        strict_1.default.ok(expected.equals(await renderer.renderStem(score, 'bass')));
    });
    (0, node_test_1.it)('reports a file that is not audio as such, from the render thread', async () => {
        await strict_1.default.rejects(renderer.analyze(Buffer.from('ID3 this is an mp3')), (error) => error instanceof wav_1.InvalidAudioError);
    });
    (0, node_test_1.it)('refuses work once shut down, so a closing app leaves no thread behind', async () => {
        const closing = new embedded_renderer_1.EmbeddedRenderer(config);
        await closing.onApplicationShutdown();
        await strict_1.default.rejects(closing.renderStem(scoreOf(['bass'], 100), 'bass'), /shut down/);
    });
});
//# sourceMappingURL=embedded-renderer.spec.js.map