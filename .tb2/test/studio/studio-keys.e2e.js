"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const promises_1 = require("node:fs/promises");
const node_http_1 = require("node:http");
const node_path_1 = require("node:path");
const node_test_1 = require("node:test");
const studio_routes_1 = require("../../src/studio/studio-routes");
const api_keys_1 = require("../support/api-keys");
const eventually_1 = require("../support/eventually");
const http_client_1 = require("../support/http-client");
const studio_browser_1 = require("../support/studio-browser");
const use_orchestrator_1 = require("../support/use-orchestrator");
const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript',
    '.css': 'text/css',
};
class SecondOrigin {
    server;
    baseUrl = '';
    apiUrl = '';
    async start() {
        this.server = (0, node_http_1.createServer)((request, response) => {
            const path = new URL(request.url ?? '/', 'http://x').pathname;
            const file = path.startsWith('/studio/assets/')
                ? (0, node_path_1.normalize)((0, node_path_1.join)(studio_routes_1.STUDIO_DIR, path.slice('/studio/'.length)))
                : (0, node_path_1.join)(studio_routes_1.STUDIO_DIR, 'index.html');
            if (!file.startsWith(studio_routes_1.STUDIO_DIR))
                return void response.writeHead(404).end();
            (0, promises_1.readFile)(file)
                .then((body) => {
                const text = file.endsWith('index.html')
                    ? body
                        .toString('utf8')
                        .replace('<meta name="track-api-url" content="" />', `<meta name="track-api-url" content="${this.apiUrl}" />`)
                    : body;
                response.writeHead(200, { 'content-type': TYPES[(0, node_path_1.extname)(file)] ?? 'text/plain' });
                response.end(text);
            })
                .catch(() => response.writeHead(404).end());
        });
        await new Promise((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
        this.baseUrl = `http://127.0.0.1:${this.server.address().port}`;
    }
    async stop() {
        this.server?.closeAllConnections();
        await new Promise((resolve) => this.server?.close(resolve));
    }
}
(0, node_test_1.describe)('the web studio with API keys', () => {
    const frontend = new SecondOrigin();
    let key = '';
    const orchestrator = (0, use_orchestrator_1.useOrchestrator)({
        stub: false,
        helpers: [frontend],
        beforeStart: async () => {
            key = await (0, api_keys_1.createApiKey)(orchestrator.env, 'studio-web');
        },
        env: () => ({ CORS_ORIGINS: frontend.baseUrl, SSE_MAX_STREAM_SECONDS: '2' }),
    });
    const { app } = orchestrator;
    let browser;
    (0, node_test_1.before)(async () => {
        browser = await studio_browser_1.StudioBrowser.launch();
    });
    (0, node_test_1.after)(() => browser?.close());
    const watchRequests = (page) => {
        const requests = [];
        page.on('request', (request) => requests.push(request));
        return requests;
    };
    const makeTrackWithKey = async (page, studioUrl, prompt) => {
        await page.goto(studioUrl);
        await page.getByRole('heading', { name: 'This server needs an API key' }).waitFor();
        await page.getByLabel(/API key for/).fill('not-a-key');
        await page.getByRole('button', { name: 'Use this key' }).click();
        await page.getByRole('heading', { name: 'This API key was refused' }).waitFor();
        await page.getByRole('alert').getByText('Invalid API key').waitFor();
        await page.getByLabel(/API key for/).fill(key);
        await page.getByRole('button', { name: 'Use this key' }).click();
        await (0, eventually_1.eventually)(async () => (await page.getByRole('heading', { name: /API key/ }).count()) === 0, 'the key prompt goes away');
        await page.getByLabel('Prompt', { exact: true }).fill(prompt);
        await page.getByRole('button', { name: 'Make track' }).click();
        await page.waitForURL(/\/studio\/jobs\/[0-9a-f-]+$/);
        await page.getByRole('status').getByText('Done').waitFor({ timeout: 60_000 });
        return /\/jobs\/([0-9a-f-]+)$/.exec(page.url())?.[1] ?? '';
    };
    const checkPlays = async (page) => {
        const master = page.getByLabel('Play Master');
        const media = (name) => master.evaluate((a, property) => a[property], name);
        await (0, eventually_1.eventually)(async () => (await media('readyState')) >= 2, 'the master loads');
        strict_1.default.match(await media('currentSrc'), new RegExp(`^${app.url}/artifacts/.*signature=`));
        await master.evaluate((a) => a.play());
        await (0, eventually_1.eventually)(async () => (await media('currentTime')) > 0.3, 'the master plays');
        await page.getByRole('img', { name: /Waveform of the track/ }).waitFor();
    };
    const checkKeyOnlyInHeaders = async (requests) => {
        const toApi = requests.filter((r) => r.url().startsWith(app.url));
        strict_1.default.ok(toApi.length > 0);
        for (const request of toApi)
            strict_1.default.ok(!request.url().includes(key), request.url());
        const events = toApi.filter((r) => /\/jobs\/[^/]+\/events$/.test(r.url()));
        const headers = await Promise.all(events.map((r) => r.allHeaders()));
        const withKey = headers.filter((h) => h.authorization === `Bearer ${key}`);
        strict_1.default.ok(withKey.length >= 1, `event streams opened with the key: ${withKey.length}`);
        const resumed = withKey.filter((h) => /^\d+$/.test(h['last-event-id'] ?? ''));
        strict_1.default.equal(resumed.length, withKey.length - 1, 'every stream after the first resumes');
    };
    (0, node_test_1.it)("serves the studio's files without a key, and nothing of the API", async () => {
        const page = await fetch(`${app.url}/studio/jobs/5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10`);
        strict_1.default.equal(page.status, 200);
        const script = /src="(\/studio\/assets\/[^"]+\.js)"/.exec(await page.text())?.[1] ?? '';
        strict_1.default.equal((await fetch(`${app.url}${script}`)).status, 200, script);
        strict_1.default.equal((await fetch(`${app.url}/jobs`)).status, 401);
    });
    (0, node_test_1.it)('asks for a key, refuses a wrong one, and with the right one follows a job live and plays it', async () => {
        await browser.withPage('keys', [app.url], async (page) => {
            const requests = watchRequests(page);
            const id = await makeTrackWithKey(page, `${app.url}/studio/`, 'a warm house groove, 124 bpm');
            strict_1.default.equal((await (0, http_client_1.requestJson)(`${app.url}/jobs/${id}`)).status, 401, 'the job needs a key');
            await checkPlays(page);
            await checkKeyOnlyInHeaders(requests);
            await page.reload();
            await page.getByRole('status').getByText('Done').waitFor();
            strict_1.default.equal(await page.getByRole('heading', { name: /API key/ }).count(), 0);
        });
    });
    (0, node_test_1.it)('works from another origin listed in CORS_ORIGINS: API calls, the event stream, signed audio and delete', async () => {
        frontend.apiUrl = app.url;
        await browser.withPage('cross-origin', [frontend.baseUrl, app.url], async (page) => {
            const requests = watchRequests(page);
            const id = await makeTrackWithKey(page, `${frontend.baseUrl}/studio/`, 'a cross-origin synthwave track, 110 bpm');
            strict_1.default.ok(page.url().startsWith(frontend.baseUrl));
            await checkPlays(page);
            await checkKeyOnlyInHeaders(requests);
            page.once('dialog', (dialog) => void dialog.accept());
            await page.getByRole('button', { name: 'Delete job' }).click();
            await page.waitForURL(`${frontend.baseUrl}/studio/`);
            const gone = await (0, http_client_1.requestJson)(`${app.url}/jobs/${id}`, {
                headers: { authorization: `Bearer ${key}` },
            });
            strict_1.default.equal(gone.status, 404);
        });
    });
});
//# sourceMappingURL=studio-keys.e2e.js.map