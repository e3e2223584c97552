"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.StudioBrowser = exports.FAILURE_SHOTS_DIR = exports.CHROMIUM_PATH = void 0;
const node_fs_1 = require("node:fs");
const promises_1 = require("node:fs/promises");
const node_path_1 = require("node:path");
const playwright_core_1 = require("playwright-core");
exports.CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
exports.FAILURE_SHOTS_DIR = (0, node_path_1.join)(__dirname, '..', '..', '..', '.test-results', 'studio');
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
const EXPECTED_CONSOLE = /^Failed to load resource: the server responded with a status of (4\d\d|503)\b/;
class StudioBrowser {
    browser;
    constructor(browser) {
        this.browser = browser;
    }
    static async launch() {
        if (!(0, node_fs_1.existsSync)(exports.CHROMIUM_PATH)) {
            throw new Error(`The studio's browser tests need Chromium and found none at ${exports.CHROMIUM_PATH}. ` +
                'Install it (Debian/Ubuntu: apt-get install -y chromium; .ci/run does this as root) ' +
                'or set CHROMIUM_PATH to a Chrome or Chromium binary.');
        }
        const browser = await playwright_core_1.chromium.launch({
            executablePath: exports.CHROMIUM_PATH,
            headless: true,
            args: CHROMIUM_ARGS,
        });
        return new StudioBrowser(browser);
    }
    async withPage(name, origins, work, viewport = { width: 1000, height: 900 }) {
        const context = await this.browser.newContext({ viewport });
        const page = await context.newPage();
        const problems = [];
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
            if (problems.length > 0)
                throw new Error(`the page reported:\n${problems.join('\n')}`);
        }
        catch (error) {
            await (0, promises_1.mkdir)(exports.FAILURE_SHOTS_DIR, { recursive: true });
            const file = (0, node_path_1.join)(exports.FAILURE_SHOTS_DIR, `${name.replace(/[^\w-]+/g, '-')}.png`);
            await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
            if (problems.length > 0 && error instanceof Error && !error.message.startsWith('the page'))
                error.message += `\nthe page reported:\n${problems.join('\n')}`;
            if (error instanceof Error)
                error.message += `\nscreenshot: ${file}`;
            throw error;
        }
        finally {
            await context.close();
        }
    }
    close() {
        return this.browser.close();
    }
}
exports.StudioBrowser = StudioBrowser;
//# sourceMappingURL=studio-browser.js.map