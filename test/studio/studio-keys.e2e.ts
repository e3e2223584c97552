import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page, Request } from 'playwright-core';
import { STUDIO_DIR } from '../../src/studio/studio-routes';
import { createApiKey } from '../support/api-keys';
import { eventually } from '../support/eventually';
import { requestJson } from '../support/http-client';
import { StudioBrowser } from '../support/studio-browser';
import type { Helper } from '../support/use-orchestrator';
import { useOrchestrator } from '../support/use-orchestrator';

interface Media {
  currentSrc: string;
  currentTime: number;
  readyState: number;
  play(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

/**
 * The built studio served by another origin, as a separate frontend deployment would serve
 * it: the same files, with index.html's `track-api-url` set to the API's origin.
 */
class SecondOrigin implements Helper {
  private server?: Server;
  baseUrl = '';
  apiUrl = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      const file = path.startsWith('/studio/assets/')
        ? normalize(join(STUDIO_DIR, path.slice('/studio/'.length)))
        : join(STUDIO_DIR, 'index.html');
      if (!file.startsWith(STUDIO_DIR)) return void response.writeHead(404).end();
      readFile(file)
        .then((body) => {
          const text = file.endsWith('index.html')
            ? body
                .toString('utf8')
                .replace(
                  '<meta name="track-api-url" content="" />',
                  `<meta name="track-api-url" content="${this.apiUrl}" />`,
                )
            : body;
          response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'text/plain' });
          response.end(text);
        })
        .catch(() => response.writeHead(404).end());
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/**
 * The studio on a server with API keys, on the embedded services: the key prompt, a
 * refused key, and the live timeline with the key in a header (streams cut short by a 2 s
 * lifetime, so the page must resume them), from the server's own origin and from another.
 */
describe('the web studio with API keys', () => {
  const frontend = new SecondOrigin();
  let key = '';
  const orchestrator = useOrchestrator({
    stub: false,
    helpers: [frontend],
    beforeStart: async () => {
      key = await createApiKey(orchestrator.env, 'studio-web');
    },
    env: () => ({ CORS_ORIGINS: frontend.baseUrl, SSE_MAX_STREAM_SECONDS: '2' }),
  });
  const { app } = orchestrator;
  let browser: StudioBrowser;

  before(async () => {
    browser = await StudioBrowser.launch();
  });
  after(() => browser?.close());

  /** Every request the page makes: the key must travel in a header, never in a URL. */
  const watchRequests = (page: Page) => {
    const requests: Request[] = [];
    page.on('request', (request) => requests.push(request));
    return requests;
  };

  /** Enters the key, makes a track and follows it to Done; returns the job's id. */
  const makeTrackWithKey = async (page: Page, studioUrl: string, prompt: string) => {
    await page.goto(studioUrl);
    await page.getByRole('heading', { name: 'This server needs an API key' }).waitFor();
    await page.getByLabel(/API key for/).fill('not-a-key');
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.getByRole('heading', { name: 'This API key was refused' }).waitFor();
    await page.getByRole('alert').getByText('Invalid API key').waitFor();
    await page.getByLabel(/API key for/).fill(key);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await eventually(
      async () => (await page.getByRole('heading', { name: /API key/ }).count()) === 0,
      'the key prompt goes away',
    );
    await page.getByLabel('Prompt', { exact: true }).fill(prompt);
    await page.getByRole('button', { name: 'Make track' }).click();
    await page.waitForURL(/\/studio\/jobs\/[0-9a-f-]+$/);
    await page.getByRole('status').getByText('Done').waitFor({ timeout: 60_000 });
    return /\/jobs\/([0-9a-f-]+)$/.exec(page.url())?.[1] ?? '';
  };

  const checkPlays = async (page: Page) => {
    const master = page.getByLabel('Play Master');
    const media = <K extends keyof Media>(name: K) =>
      master.evaluate((a, property) => (a as Media)[property], name) as Promise<Media[K]>;
    await eventually(async () => (await media('readyState')) >= 2, 'the master loads');
    assert.match(await media('currentSrc'), new RegExp(`^${app.url}/artifacts/.*signature=`));
    await master.evaluate((a) => (a as Media).play());
    await eventually(async () => (await media('currentTime')) > 0.3, 'the master plays');
    await page.getByRole('img', { name: /Waveform of the track/ }).waitFor();
  };

  const checkKeyOnlyInHeaders = async (requests: Request[]) => {
    const toApi = requests.filter((r) => r.url().startsWith(app.url));
    assert.ok(toApi.length > 0);
    for (const request of toApi) assert.ok(!request.url().includes(key), request.url());
    const events = toApi.filter((r) => /\/jobs\/[^/]+\/events$/.test(r.url()));
    const headers = await Promise.all(events.map((r) => r.allHeaders()));
    const withKey = headers.filter((h) => h.authorization === `Bearer ${key}`);
    assert.ok(withKey.length >= 1, `event streams opened with the key: ${withKey.length}`);
    const resumed = withKey.filter((h) => /^\d+$/.test(h['last-event-id'] ?? ''));
    assert.equal(resumed.length, withKey.length - 1, 'every stream after the first resumes');
  };

  it("serves the studio's files without a key, and nothing of the API", async () => {
    const page = await fetch(`${app.url}/studio/jobs/5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10`);
    assert.equal(page.status, 200);
    const script = /src="(\/studio\/assets\/[^"]+\.js)"/.exec(await page.text())?.[1] ?? '';
    assert.equal((await fetch(`${app.url}${script}`)).status, 200, script);
    assert.equal((await fetch(`${app.url}/jobs`)).status, 401);
  });

  it('asks for a key, refuses a wrong one, and with the right one follows a job live and plays it', async () => {
    await browser.withPage('keys', [app.url], async (page) => {
      const requests = watchRequests(page);
      const id = await makeTrackWithKey(page, `${app.url}/studio/`, 'a warm house groove, 124 bpm');
      assert.equal((await requestJson(`${app.url}/jobs/${id}`)).status, 401, 'the job needs a key');
      await checkPlays(page);
      await checkKeyOnlyInHeaders(requests);
      // The key is kept for the tab: a reload asks for nothing.
      await page.reload();
      await page.getByRole('status').getByText('Done').waitFor();
      assert.equal(await page.getByRole('heading', { name: /API key/ }).count(), 0);
    });
  });

  it('works from another origin listed in CORS_ORIGINS: API calls, the event stream, signed audio and delete', async () => {
    frontend.apiUrl = app.url;
    await browser.withPage('cross-origin', [frontend.baseUrl, app.url], async (page) => {
      const requests = watchRequests(page);
      const id = await makeTrackWithKey(
        page,
        `${frontend.baseUrl}/studio/`,
        'a cross-origin synthwave track, 110 bpm',
      );
      assert.ok(page.url().startsWith(frontend.baseUrl));
      await checkPlays(page);
      await checkKeyOnlyInHeaders(requests);
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Delete job' }).click();
      await page.waitForURL(`${frontend.baseUrl}/studio/`);
      const gone = await requestJson(`${app.url}/jobs/${id}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      assert.equal(gone.status, 404);
    });
  });
});
