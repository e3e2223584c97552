import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { eventually } from '../support/eventually';
import { postJson, requestJson, type JobView } from '../support/http-client';
import { StudioBrowser } from '../support/studio-browser';
import type { RunningApp } from '../support/test-env';
import { useOrchestrator } from '../support/use-orchestrator';

/** What a test reads of an <audio> element (the tests compile without the DOM's types). */
interface Media {
  currentSrc: string;
  currentTime: number;
  readyState: number;
  play(): Promise<void>;
}
const PARSER_MESSAGE = 'this prompt names no music the parser knows';

/**
 * The web studio in a real Chromium, as a person uses it, on one orchestrator without API
 * keys (loopback-only). The prompt parser is the contract stub, so a test can make a job
 * slow or make it fail; sound generation and mixing are the embedded services, so a
 * finished job has real audio to play.
 */
describe('the web studio', () => {
  const orchestrator = useOrchestrator({ app: false });
  let app: RunningApp;
  let browser: StudioBrowser;

  before(async () => {
    const stub = orchestrator.stubs;
    // What a prompt asks of the stubbed parser: to hang (a slow job) or to refuse once.
    stub.fault = (call) => {
      if (call.service !== 'parse') return undefined;
      if (call.prompt.includes('slow')) return { hangMs: 60_000 };
      if (call.prompt.includes('refused') && call.n === 1)
        return { status: 400, body: { detail: PARSER_MESSAGE } };
      return undefined;
    };
    // Tracks of a few seconds: enough to load, play and draw.
    app = await orchestrator.startApp(
      { PROMPT_PARSER_URL: stub.env().PROMPT_PARSER_URL, EMBEDDED_TRACK_SECONDS: '4' },
      { stub: false },
    );
    browser = await StudioBrowser.launch();
  });
  after(() => browser?.close());

  const open = (name: string, work: (page: Page) => Promise<void>, width = 1000) =>
    browser.withPage(name, [app.url], work, { width, height: 900 });

  const jobIdOf = (page: Page) => /\/studio\/jobs\/([0-9a-f-]+)$/.exec(page.url())?.[1] ?? '';

  const job = async (id: string) => (await requestJson<JobView>(`${app.url}/jobs/${id}`)).body;

  const makeTrack = async (page: Page, prompt: string) => {
    await page.goto(`${app.url}/studio/`);
    await page.getByLabel('Prompt', { exact: true }).fill(prompt);
    await page.getByRole('button', { name: 'Make track' }).click();
    await page.waitForURL(/\/studio\/jobs\/[0-9a-f-]+$/);
    return jobIdOf(page);
  };

  it('makes a track: a double click creates one job, the timeline goes live to Done, and the master plays', async () => {
    await open(
      'create-and-play',
      async (page) => {
        const prompt = 'A chill lo-fi hip hop beat with a smooth piano melody, 100 bpm.';
        await page.goto(`${app.url}/studio/`);
        await page.getByLabel('Prompt', { exact: true }).fill(prompt);
        await page.getByRole('button', { name: 'Make track' }).dblclick();
        await page.waitForURL(/\/studio\/jobs\/[0-9a-f-]+$/);
        const id = jobIdOf(page);

        const steps = page.getByRole('list', { name: 'Steps' }).getByRole('listitem');
        await page.getByRole('status').getByText('Done').waitFor({ timeout: 60_000 });
        const finished = await job(id);
        assert.equal(finished.status, 'SUCCESS');
        assert.deepEqual(
          await steps.locator('.step-label').allTextContents(),
          finished.steps.map((s) => (s as unknown as { label: string }).label),
          'the timeline lists the steps the server gives, in its order',
        );
        for (const text of await steps.locator('.step-state').allTextContents())
          assert.match(text, /^Done in /);

        const listed = await requestJson<{ items: JobView[] }>(
          `${app.url}/jobs?q=${encodeURIComponent(prompt)}`,
        );
        assert.equal(listed.body.items.length, 1, 'a double click made one job');

        // The master's <audio> loads the link the API gives, and plays.
        const master = page.getByLabel('Play Master');
        const media = <K extends keyof Media>(name: K) =>
          master.evaluate((a, key) => (a as Media)[key], name) as Promise<Media[K]>;
        await eventually(async () => (await media('readyState')) >= 2, 'the master loads');
        assert.equal(await media('currentSrc'), finished.result?.final_track_url);
        await master.evaluate((a) => (a as Media).play());
        await eventually(async () => (await media('currentTime')) > 0.3, 'the master plays');
        await page.getByRole('img', { name: /Waveform of the track/ }).waitFor();

        const files = page.getByRole('region', { name: 'Files' }).getByRole('listitem');
        const texts = await files.allTextContents();
        assert.ok(texts.length >= 3, `the master and at least two stems: ${texts.join(' | ')}`);
        for (const text of texts) assert.match(text, /\d+(\.\d)? (KB|MB)/);
        await files.filter({ hasText: 'piano' }).getByRole('link').waitFor();
        if (process.env.STUDIO_SCREENSHOT)
          await page.screenshot({ path: process.env.STUDIO_SCREENSHOT, fullPage: true });
      },
      Number(process.env.STUDIO_SCREENSHOT_WIDTH ?? 1000),
    );
  });

  it("shows the API's message next to the prompt it refuses", async () => {
    await open('bad-prompt', async (page) => {
      const api = await postJson<{ detail: string; errors: { message: string }[] }>(
        `${app.url}/create-track`,
        { prompt: '   ' },
      );
      assert.equal(api.status, 400);
      await page.goto(`${app.url}/studio/`);
      await page.getByLabel('Prompt', { exact: true }).fill('   ');
      await page.getByRole('button', { name: 'Make track' }).click();
      const message = page.locator('#prompt-problem');
      await message.waitFor();
      assert.equal(await message.textContent(), api.body.errors[0]?.message);
      assert.equal(
        await page.getByLabel('Prompt', { exact: true }).getAttribute('aria-invalid'),
        'true',
      );
      assert.match(page.url(), /\/studio\/$/);
    });
  });

  it('cancels a slow job, then retries it', async () => {
    await open('cancel', async (page) => {
      const id = await makeTrack(page, 'a slow ambient pad');
      const parse = page.getByRole('listitem').filter({ hasText: 'Parsing Prompt' });
      await parse.getByText(/^Running for \d/).waitFor();
      await page.getByRole('button', { name: 'Cancel job' }).click();
      await page.getByRole('status').getByText('Cancelled').waitFor();
      assert.equal((await job(id)).status, 'CANCELLED');
      assert.equal(await page.getByRole('button', { name: 'Cancel job' }).count(), 0);
      await page.getByRole('button', { name: 'Retry job' }).waitFor();
    });
  });

  it("retries a job that failed on the service's 400, and the live timeline follows the new run", async () => {
    await open('retry', async (page) => {
      const id = await makeTrack(page, 'a refused jazz trio, 90 bpm');
      await page.getByRole('status').getByText('Failed').waitFor();
      const parse = page.getByRole('listitem').filter({ hasText: 'Parsing Prompt' });
      await parse.getByText(PARSER_MESSAGE).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Cancel job' }).count(), 0);
      await page.getByRole('button', { name: 'Retry job' }).click();
      await page.getByRole('status').getByText('Done').waitFor({ timeout: 60_000 });
      await parse.getByText(/^Done in /).waitFor();
      assert.equal((await job(id)).status, 'SUCCESS');
      assert.equal(await page.getByRole('button', { name: 'Retry job' }).count(), 0);
    });
  });

  it('pages the history with "Load more", filters it by status and searches the prompts', async () => {
    // Jobs the parser refuses: they fail at once, without rendering any audio.
    const prompts = Array.from({ length: 12 }, (_, i) => `refused history take ${i + 1}`);
    for (const prompt of prompts) await postJson(`${app.url}/create-track`, { prompt });
    await eventually(async () => {
      const page = await requestJson<{ items: unknown[] }>(
        `${app.url}/jobs?q=history%20take&status=FAILURE&limit=100`,
      );
      return page.body.items.length === 12;
    }, 'the history jobs fail');
    await open(
      'history',
      async (page) => {
        await page.goto(`${app.url}/studio/`);
        const rows = page.getByRole('list', { name: 'Jobs' }).getByRole('listitem');
        await page.getByLabel('Search prompts').fill('history take');
        await page.getByRole('button', { name: 'Search' }).click();
        await eventually(async () => (await rows.count()) === 10, 'the first page of 10');
        assert.equal(
          await rows.first().getByRole('link').textContent(),
          'refused history take 12',
          'newest first',
        );
        await page.getByRole('button', { name: 'Load more' }).click();
        await eventually(async () => (await rows.count()) === 12, 'all 12 after Load more');
        assert.equal(await page.getByRole('button', { name: 'Load more' }).count(), 0);
        const shown = (await rows.getByRole('link').allTextContents()).sort();
        assert.deepEqual(shown, [...prompts].sort(), 'each job once');

        await page.getByLabel('Status').selectOption({ label: 'Done' });
        await eventually(async () => (await rows.count()) === 0, 'no finished take succeeded');
        await page.getByLabel('Status').selectOption({ label: 'Failed' });
        await page.getByLabel('Search prompts').fill('take 7');
        await page.getByRole('button', { name: 'Search' }).click();
        await eventually(async () => (await rows.count()) === 1, 'one match for "take 7"');
        await rows.getByRole('link', { name: 'refused history take 7' }).click();
        await page.waitForURL(/\/studio\/jobs\//);
        await page.getByRole('heading', { name: 'refused history take 7' }).waitFor();
      },
      375,
    );
  });

  it('deletes a finished job, and its page then says it is gone', async () => {
    await open('delete', async (page) => {
      const id = await makeTrack(page, 'a refused track to delete');
      await page.getByRole('status').getByText('Failed').waitFor();
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Delete job' }).click();
      await page.waitForURL(/\/studio\/$/);
      assert.equal((await requestJson(`${app.url}/jobs/${id}`)).status, 404);
      await page.goto(`${app.url}/studio/jobs/${id}`);
      await page.getByRole('alert').getByText('Job not found').waitFor();
    });
  });

  it('serves the studio at /studio/ and every page path, with GET / unchanged', async () => {
    const bare = await fetch(`${app.url}/studio`, { redirect: 'manual' });
    assert.equal(bare.status, 301);
    assert.equal(bare.headers.get('location'), '/studio/');
    for (const path of ['/studio/', '/studio/jobs/5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10']) {
      const page = await fetch(`${app.url}${path}`);
      assert.equal(page.status, 200, path);
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      assert.match(await page.text(), /<div id="app">/);
    }
    const root = await requestJson<{ message: string }>(`${app.url}/`);
    assert.deepEqual(root.body, { message: 'Music production orchestrator is running.' });
  });
});
