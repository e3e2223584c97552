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
    app = await orchestrator.startApp(
      { PROMPT_PARSER_URL: stub.env().PROMPT_PARSER_URL },
      { stub: false },
    );
    browser = await StudioBrowser.launch();
  });
  after(() => browser?.close());

  const open = (name: string, work: (page: Page) => Promise<void>, width = 1000) =>
    browser.withPage(name, [app.url], work, { width, height: 900 });

  const jobIdOf = (page: Page) => /\/studio\/jobs\/([0-9a-f-]+)$/.exec(page.url())?.[1] ?? '';

  const job = async (id: string) => (await requestJson<JobView>(`${app.url}/jobs/${id}`)).body;

  it('makes a track: a double click creates one job, the timeline goes live to Done, and the master plays', async () => {
    await open(
      'create-and-play',
      async (page) => {
        const prompt = `studio piano ${Date.now()}: a chill lo-fi beat with piano and drums, 100 bpm`;
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
});
