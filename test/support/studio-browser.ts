import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** The browser the studio tests drive: Debian's Chromium unless CHROMIUM_PATH names another. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where a failed test leaves its screenshot (git-ignored). */
export const FAILURE_SHOTS_DIR = join(__dirname, '..', '..', '..', '.test-results', 'studio');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--mute-audio',
  '--autoplay-policy=no-user-gesture-required',
];

/** What the browser's console says for a 4xx or 5xx answer a test provokes on purpose. */
const EXPECTED_CONSOLE =
  /^Failed to load resource: the server responded with a status of (4\d\d|503)\b/;

/**
 * One headless Chromium for a test file (Playwright gives it a fresh profile), and a page
 * per test in a context of its own (fresh sessionStorage). Every page error, uncaught
 * exception, unexpected console error and request to an origin not in `origins` is kept,
 * and `check` fails the test with them.
 */
export class StudioBrowser {
  private constructor(private readonly browser: Browser) {}

  static async launch(): Promise<StudioBrowser> {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(
        `The studio's browser tests need Chromium and found none at ${CHROMIUM_PATH}. ` +
          'Install it (Debian/Ubuntu: apt-get install -y chromium; .ci/run does this as root) ' +
          'or set CHROMIUM_PATH to a Chrome or Chromium binary.',
      );
    }
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    return new StudioBrowser(browser);
  }

  /**
   * Runs `work` on a fresh page; on failure saves a screenshot named after `name`. The page
   * may talk to `origins` only; any error it logs fails the test.
   */
  async withPage(
    name: string,
    origins: string[],
    work: (page: Page) => Promise<void>,
    viewport = { width: 1000, height: 900 },
  ): Promise<void> {
    const context = await this.browser.newContext({ viewport });
    const page = await context.newPage();
    const problems: string[] = [];
    const allowed = new Set(origins.map((origin) => new URL(origin).origin));
    page.on('pageerror', (error) => problems.push(`page error: ${error.stack ?? error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !EXPECTED_CONSOLE.test(message.text()))
        problems.push(`console error: ${message.text()}`);
    });
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol.startsWith('http') && !allowed.has(url.origin))
        problems.push(`request to another origin: ${request.url()}`);
    });
    try {
      await work(page);
      if (problems.length > 0) throw new Error(`the page reported:\n${problems.join('\n')}`);
    } catch (error) {
      await mkdir(FAILURE_SHOTS_DIR, { recursive: true });
      const file = join(FAILURE_SHOTS_DIR, `${name.replace(/[^\w-]+/g, '-')}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      if (problems.length > 0 && error instanceof Error && !error.message.startsWith('the page'))
        error.message += `\nthe page reported:\n${problems.join('\n')}`;
      if (error instanceof Error) error.message += `\nscreenshot: ${file}`;
      throw error;
    } finally {
      await context.close();
    }
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}
