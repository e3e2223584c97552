import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort, OrchestratorProcess } from './support/orchestrator-process';
import { TestEnv } from './support/test-env';

const MAIN = join(__dirname, '..', 'src', 'main.js');
const READABLE_LINE = /^\[\d\d:\d\d:\d\d\.\d{3}\] (INFO|WARN|ERROR): \w+: /;
// eslint-disable-next-line no-control-regex -- terminal colour codes are what is stripped
const COLOURS = /\u001b\[[0-9;]*m/g;

async function waitFor(read: () => string, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(read())) {
    if (Date.now() > deadline) assert.fail(`no ${pattern} in:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return read();
}

/** What a person sees at `npm start`: readable lines on a terminal, then where to go. */
describe('start-up output', () => {
  const env = new TestEnv();

  before(() => env.setUp());
  after(() => env.tearDown());

  /** The lines up to the banner, and the banner: the last thing printed at start. */
  function checkPrettyStart(output: string, url: string): void {
    const [logs, banner] = output.split('Track orchestrator is ready');
    assert.ok(banner, `a banner after the log lines:\n${output}`);
    const lines = logs.split('\n').filter((line) => line.trim() !== '');
    assert.ok(lines.length > 3);
    for (const line of lines) assert.match(line, READABLE_LINE, 'one readable line per event');
    assert.ok(!/RouterExplorer|InstanceLoader/.test(logs), "Nest's route inventory is left out");
    assert.match(lines.at(-1)!, /Bootstrap: Listening on http/);
    assert.match(banner, new RegExp(`API +${url}`));
    assert.match(banner, new RegExp(`Docs +${url}/docs`));
  }

  it('prints readable lines and ends with where the API and docs are with LOG_FORMAT=pretty', async () => {
    const app = await OrchestratorProcess.start('pretty', {
      ...env.env(),
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'pretty',
    });
    try {
      checkPrettyStart(await waitFor(() => app.output, /Docs .*\n\n/), app.url);
    } finally {
      await app.stop();
    }
  });

  it(
    'does the same by default on a terminal (stdout a pseudo-terminal)',
    { skip: spawnSync('script', ['--version']).status !== 0 && 'script(1) is not installed' },
    async () => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env.env(), LOG_LEVEL: 'info' };
      childEnv.PORT = String(port);
      delete childEnv.LOG_FORMAT; // the default, auto, is what a terminal gets
      const child = spawn('script', ['-qfec', `'${process.execPath}' '${MAIN}'`, '/dev/null'], {
        env: childEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        const read = () => output.replace(COLOURS, '').replace(/\r/g, '');
        checkPrettyStart(await waitFor(read, /Docs .*\n\n/), url);
      } finally {
        // Closing the terminal hangs up on the orchestrator, as closing a terminal window does.
        child.kill('SIGKILL');
        await exited;
      }
    },
  );
});
