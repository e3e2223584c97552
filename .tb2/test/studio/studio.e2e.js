"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const eventually_1 = require("../support/eventually");
const http_client_1 = require("../support/http-client");
const studio_browser_1 = require("../support/studio-browser");
const use_orchestrator_1 = require("../support/use-orchestrator");
const PARSER_MESSAGE = 'this prompt names no music the parser knows';
(0, node_test_1.describe)('the web studio', () => {
    const orchestrator = (0, use_orchestrator_1.useOrchestrator)({ app: false });
    let app;
    let browser;
    (0, node_test_1.before)(async () => {
        const stub = orchestrator.stubs;
        stub.fault = (call) => {
            if (call.service !== 'parse')
                return undefined;
            if (call.prompt.includes('slow'))
                return { hangMs: 60_000 };
            if (call.prompt.includes('refused') && call.n === 1)
                return { status: 400, body: { detail: PARSER_MESSAGE } };
            return undefined;
        };
        app = await orchestrator.startApp({ PROMPT_PARSER_URL: stub.env().PROMPT_PARSER_URL }, { stub: false });
        browser = await studio_browser_1.StudioBrowser.launch();
    });
    (0, node_test_1.after)(() => browser?.close());
    const open = (name, work, width = 1000) => browser.withPage(name, [app.url], work, { width, height: 900 });
    const jobIdOf = (page) => /\/studio\/jobs\/([0-9a-f-]+)$/.exec(page.url())?.[1] ?? '';
    const job = async (id) => (await (0, http_client_1.requestJson)(`${app.url}/jobs/${id}`)).body;
    const makeTrack = async (page, prompt) => {
        await page.goto(`${app.url}/studio/`);
        await page.getByLabel('Prompt', { exact: true }).fill(prompt);
        await page.getByRole('button', { name: 'Make track' }).click();
        await page.waitForURL(/\/studio\/jobs\/[0-9a-f-]+$/);
        return jobIdOf(page);
    };
    (0, node_test_1.it)('makes a track: a double click creates one job, the timeline goes live to Done, and the master plays', async () => {
        await open('create-and-play', async (page) => {
            const prompt = 'A chill lo-fi hip hop beat with a smooth piano melody, 100 bpm.';
            await page.goto(`${app.url}/studio/`);
            await page.getByLabel('Prompt', { exact: true }).fill(prompt);
            await page.getByRole('button', { name: 'Make track' }).dblclick();
            await page.waitForURL(/\/studio\/jobs\/[0-9a-f-]+$/);
            const id = jobIdOf(page);
            const steps = page.getByRole('list', { name: 'Steps' }).getByRole('listitem');
            await page.getByRole('status').getByText('Done').waitFor({ timeout: 60_000 });
            const finished = await job(id);
            strict_1.default.equal(finished.status, 'SUCCESS');
            strict_1.default.deepEqual(await steps.locator('.step-label').allTextContents(), finished.steps.map((s) => s.label), 'the timeline lists the steps the server gives, in its order');
            for (const text of await steps.locator('.step-state').allTextContents())
                strict_1.default.match(text, /^Done in /);
            const listed = await (0, http_client_1.requestJson)(`${app.url}/jobs?q=${encodeURIComponent(prompt)}`);
            strict_1.default.equal(listed.body.items.length, 1, 'a double click made one job');
            const master = page.getByLabel('Play Master');
            const media = (name) => master.evaluate((a, key) => a[key], name);
            await (0, eventually_1.eventually)(async () => (await media('readyState')) >= 2, 'the master loads');
            strict_1.default.equal(await media('currentSrc'), finished.result?.final_track_url);
            await master.evaluate((a) => a.play());
            await (0, eventually_1.eventually)(async () => (await media('currentTime')) > 0.3, 'the master plays');
            await page.getByRole('img', { name: /Waveform of the track/ }).waitFor();
            const files = page.getByRole('region', { name: 'Files' }).getByRole('listitem');
            const texts = await files.allTextContents();
            strict_1.default.ok(texts.length >= 3, `the master and at least two stems: ${texts.join(' | ')}`);
            for (const text of texts)
                strict_1.default.match(text, /\d+(\.\d)? (KB|MB)/);
            await files.filter({ hasText: 'piano' }).getByRole('link').waitFor();
            if (process.env.STUDIO_SCREENSHOT)
                await page.screenshot({ path: process.env.STUDIO_SCREENSHOT, fullPage: true });
        }, Number(process.env.STUDIO_SCREENSHOT_WIDTH ?? 1000));
    });
    (0, node_test_1.it)("shows the API's message next to the prompt it refuses", async () => {
        await open('bad-prompt', async (page) => {
            const api = await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: '   ' });
            strict_1.default.equal(api.status, 400);
            await page.goto(`${app.url}/studio/`);
            await page.getByLabel('Prompt', { exact: true }).fill('   ');
            await page.getByRole('button', { name: 'Make track' }).click();
            const message = page.locator('#prompt-problem');
            await message.waitFor();
            strict_1.default.equal(await message.textContent(), api.body.errors[0]?.message);
            strict_1.default.equal(await page.getByLabel('Prompt', { exact: true }).getAttribute('aria-invalid'), 'true');
            strict_1.default.match(page.url(), /\/studio\/$/);
        });
    });
    (0, node_test_1.it)('cancels a slow job, then retries it', async () => {
        await open('cancel', async (page) => {
            const id = await makeTrack(page, 'a slow ambient pad');
            const parse = page.getByRole('listitem').filter({ hasText: 'Parsing Prompt' });
            await parse.getByText(/^Running for \d/).waitFor();
            await page.getByRole('button', { name: 'Cancel job' }).click();
            await page.getByRole('status').getByText('Cancelled').waitFor();
            strict_1.default.equal((await job(id)).status, 'CANCELLED');
            strict_1.default.equal(await page.getByRole('button', { name: 'Cancel job' }).count(), 0);
            await page.getByRole('button', { name: 'Retry job' }).waitFor();
        });
    });
    (0, node_test_1.it)("retries a job that failed on the service's 400, and the live timeline follows the new run", async () => {
        await open('retry', async (page) => {
            const id = await makeTrack(page, 'a refused jazz trio, 90 bpm');
            await page.getByRole('status').getByText('Failed').waitFor();
            const parse = page.getByRole('listitem').filter({ hasText: 'Parsing Prompt' });
            await parse.getByText(PARSER_MESSAGE).waitFor();
            strict_1.default.equal(await page.getByRole('button', { name: 'Cancel job' }).count(), 0);
            await page.getByRole('button', { name: 'Retry job' }).click();
            await page.getByRole('status').getByText('Done').waitFor({ timeout: 60_000 });
            await parse.getByText(/^Done in /).waitFor();
            strict_1.default.equal((await job(id)).status, 'SUCCESS');
            strict_1.default.equal(await page.getByRole('button', { name: 'Retry job' }).count(), 0);
        });
    });
    (0, node_test_1.it)('pages the history with "Load more", filters it by status and searches the prompts', async () => {
        const prompts = Array.from({ length: 12 }, (_, i) => `refused history take ${i + 1}`);
        for (const prompt of prompts)
            await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt });
        await (0, eventually_1.eventually)(async () => {
            const page = await (0, http_client_1.requestJson)(`${app.url}/jobs?q=history%20take&status=FAILURE&limit=100`);
            return page.body.items.length === 12;
        }, 'the history jobs fail');
        await open('history', async (page) => {
            await page.goto(`${app.url}/studio/`);
            const rows = page.getByRole('list', { name: 'Jobs' }).getByRole('listitem');
            await page.getByLabel('Search prompts').fill('history take');
            await page.getByRole('button', { name: 'Search' }).click();
            await (0, eventually_1.eventually)(async () => (await rows.count()) === 10, 'the first page of 10');
            strict_1.default.equal(await rows.first().getByRole('link').textContent(), 'refused history take 12', 'newest first');
            await page.getByRole('button', { name: 'Load more' }).click();
            await (0, eventually_1.eventually)(async () => (await rows.count()) === 12, 'all 12 after Load more');
            strict_1.default.equal(await page.getByRole('button', { name: 'Load more' }).count(), 0);
            const shown = (await rows.getByRole('link').allTextContents()).sort();
            strict_1.default.deepEqual(shown, [...prompts].sort(), 'each job once');
            await page.getByLabel('Status').selectOption({ label: 'Done' });
            await (0, eventually_1.eventually)(async () => (await rows.count()) === 0, 'no finished take succeeded');
            await page.getByLabel('Status').selectOption({ label: 'Failed' });
            await page.getByLabel('Search prompts').fill('take 7');
            await page.getByRole('button', { name: 'Search' }).click();
            await (0, eventually_1.eventually)(async () => (await rows.count()) === 1, 'one match for "take 7"');
            await rows.getByRole('link', { name: 'refused history take 7' }).click();
            await page.waitForURL(/\/studio\/jobs\//);
            await page.getByRole('heading', { name: 'refused history take 7' }).waitFor();
        }, 375);
    });
    (0, node_test_1.it)('deletes a finished job, and its page then says it is gone', async () => {
        await open('delete', async (page) => {
            const id = await makeTrack(page, 'a refused track to delete');
            await page.getByRole('status').getByText('Failed').waitFor();
            page.once('dialog', (dialog) => void dialog.accept());
            await page.getByRole('button', { name: 'Delete job' }).click();
            await page.waitForURL(/\/studio\/$/);
            strict_1.default.equal((await (0, http_client_1.requestJson)(`${app.url}/jobs/${id}`)).status, 404);
            await page.goto(`${app.url}/studio/jobs/${id}`);
            await page.getByRole('alert').getByText('Job not found').waitFor();
        });
    });
    (0, node_test_1.it)('serves the studio at /studio/ and every page path, with GET / unchanged', async () => {
        const bare = await fetch(`${app.url}/studio`, { redirect: 'manual' });
        strict_1.default.equal(bare.status, 301);
        strict_1.default.equal(bare.headers.get('location'), '/studio/');
        for (const path of ['/studio/', '/studio/jobs/5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10']) {
            const page = await fetch(`${app.url}${path}`);
            strict_1.default.equal(page.status, 200, path);
            strict_1.default.match(page.headers.get('content-type') ?? '', /^text\/html/);
            strict_1.default.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
            strict_1.default.match(await page.text(), /<div id="app">/);
        }
        const root = await (0, http_client_1.requestJson)(`${app.url}/`);
        strict_1.default.deepEqual(root.body, { message: 'Music production orchestrator is running.' });
    });
});
//# sourceMappingURL=studio.e2e.js.map