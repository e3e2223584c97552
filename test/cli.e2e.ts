import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ContractStub } from './support/contract-stub';
import { requestJson, waitForJob } from './support/http-client';
import { useOrchestrator } from './support/use-orchestrator';

/** The compiled CLI beside this compiled file: what bin/track.js loads from dist/. */
const CLI = join(__dirname, '..', 'src', 'cli', 'track.cli.js');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The `track` command as a child process; stdout is a pipe, so it prints plain lines. */
class TrackRun {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<Run>;

  constructor(args: string[], env: Record<string, string>) {
    this.child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) =>
      this.child.on('close', (code, signal) =>
        resolve({ code, signal, stdout: this.stdout, stderr: this.stderr }),
      ),
    );
  }

  /** Waits until stdout matches `pattern` (failing if the command ends first). */
  async printed(pattern: RegExp): Promise<RegExpMatchArray> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const match = pattern.exec(this.stdout);
      if (match) return match;
      assert.equal(
        this.child.exitCode,
        null,
        `ended before ${pattern}: ${this.stdout}${this.stderr}`,
      );
      assert.ok(Date.now() < deadline, `no ${pattern} in: ${this.stdout}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** Lines of `text` that start with `label:`, in order. */
const linesOf = (text: string, label: string) =>
  text.split('\n').filter((line) => line.startsWith(`${label}: `));

describe('the track command line', () => {
  // The style analysis is a stub (for failures, retries and a slow step); the other services
  // are the embedded ones, so a track without a reference is a real WAV.
  const analysis = new ContractStub();
  const { app, env } = useOrchestrator({
    stub: false,
    helpers: [analysis],
    env: () => ({
      STYLE_ANALYSIS_URL: `${analysis.baseUrl}/analyze`,
      STEP_RETRY_DELAY_MS: '1500',
    }),
  });
  const track = (...args: string[]) => new TrackRun(args, { TRACK_URL: app.url });
  const run = (...args: string[]) => track(...args).exited;
  let succeeded: string;
  let failed: string;

  it('creates a track, prints a line per step change and saves the master WAV', async () => {
    const out = join(env.artifactsDir, 'cli-master.wav');
    const result = await run('create', 'lo-fi piano and drums, 90 bpm', '--out', out);
    assert.equal(result.code, 0, result.stderr);
    succeeded = UUID.exec(result.stdout)![0];
    assert.match(result.stdout, new RegExp(`^Job ${succeeded} created\n`));
    for (const label of ['Parsing Prompt', 'Generating Sound', 'Mixing and Mastering']) {
      const lines = linesOf(result.stdout, label);
      // The prompt is parsed in a few milliseconds: its running state may be over before
      // the job is first read. The other steps take seconds.
      if (label !== 'Parsing Prompt') assert.equal(lines[0], `${label}: running`, result.stdout);
      assert.match(lines.at(-1)!, new RegExp(`^${label}: done in \\d+\\.\\d s$`), result.stdout);
    }
    assert.deepEqual(linesOf(result.stdout, 'Analyzing Style'), [], 'no reference, no step');
    const saved = new RegExp(
      `Job ${succeeded} succeeded\nSaved the master to ${out} \\((\\d+) bytes\\)\n$`,
    );
    const size = Number(saved.exec(result.stdout)?.[1]);
    const wav = await readFile(out);
    assert.equal(wav.length, size);
    assert.ok(size > 44 * 1000, `a real track: ${size} bytes`);
    assert.equal(wav.toString('ascii', 0, 4), 'RIFF');
    assert.equal(wav.readUInt32LE(4), size - 8, 'the RIFF size covers the file');
    assert.equal(wav.toString('ascii', 8, 12), 'WAVE');
    await assert.rejects(stat(`${out}.part`), 'no partial file left');
  });

  it("exits 1 with the service's message, after showing a retry and its countdown", async () => {
    analysis.script('analyze', (_call, n) =>
      n === 1
        ? { status: 503, body: { detail: 'analysis busy' }, hangMs: 400 } // long enough to be seen running
        : { status: 400, body: { detail: 'reference track is silent' } },
    );
    const result = await run(
      'create',
      'ambient pads',
      '--wait',
      '--reference',
      analysis.referenceTrackUrl,
    );
    assert.equal(result.code, 1, result.stdout);
    failed = UUID.exec(result.stdout)![0];
    const lines = linesOf(result.stdout, 'Analyzing Style');
    assert.equal(lines[0], 'Analyzing Style: running');
    assert.match(
      lines[1],
      /^Analyzing Style: retrying in \d+\.\d s \(attempt 1 failed: style-analysis answered 503: analysis busy\)$/,
    );
    assert.match(lines.at(-1)!, /^Analyzing Style: failed: .*reference track is silent/);
    assert.match(result.stderr, new RegExp(`Job ${failed} failed: .*reference track is silent`));
    assert.deepEqual(linesOf(result.stdout, 'Generating Sound'), [], 'no later step ran');
  });

  it('on Ctrl-C without a terminal leaves the job running, prints its id and exits 130', async () => {
    analysis.script('analyze', () => ({ hangMs: 60_000 }));
    const cli = track(
      'create',
      'slow strings',
      '--wait',
      '--reference',
      analysis.referenceTrackUrl,
    );
    const [, id] = await cli.printed(/^Job (\S+) created$/m);
    await cli.printed(/^Analyzing Style: running$/m);
    cli.child.kill('SIGINT');
    const result = await cli.exited;
    assert.equal(result.code, 130);
    assert.match(
      result.stdout,
      new RegExp(`Interrupted: job ${id} keeps running \\(track status ${id}\\)`),
    );
    const job = await requestJson<{ status: string }>(`${app.url}/jobs/${id}`);
    assert.equal(job.body.status, 'PROCESSING');

    const cancel = await run('cancel', id);
    assert.equal(cancel.code, 0, cancel.stderr);
    assert.match(cancel.stdout, new RegExp(`^Job ${id}: (cancelled|cancel requested)\n$`));
    assert.equal((await waitForJob(app.url, id)).status, 'CANCELLED');
  });

  it('with --cancel-on-interrupt, Ctrl-C cancels the job', async () => {
    analysis.script('analyze', () => ({ hangMs: 60_000 }));
    const cli = track(
      'create',
      'slow brass',
      '--wait',
      '--cancel-on-interrupt',
      '--reference',
      analysis.referenceTrackUrl,
    );
    const [, id] = await cli.printed(/^Job (\S+) created$/m);
    await cli.printed(/^Analyzing Style: running$/m);
    cli.child.kill('SIGINT');
    const result = await cli.exited;
    assert.equal(result.code, 130);
    assert.match(
      result.stdout,
      new RegExp(`Interrupted: job ${id} (cancelled|is being cancelled)`),
    );
    assert.equal((await waitForJob(app.url, id)).status, 'CANCELLED');
  });

  it('shows status and lists jobs by status and prompt', async () => {
    const status = await run('status', succeeded);
    assert.equal(status.code, 0, status.stderr);
    assert.match(
      status.stdout,
      new RegExp(`^Job ${succeeded}: SUCCESS\nPrompt: lo-fi piano and drums, 90 bpm\n`),
    );
    assert.match(status.stdout, /^ {2}Mixing and Mastering +done in \d+\.\d s$/m);
    assert.match(status.stdout, /^Master: http:\/\/.*\.wav$/m);
    const failure = await run('status', failed);
    assert.match(failure.stdout, /^Error: analyze_style: .*reference track is silent/m);

    const successes = await run('ls', '--status', 'success');
    assert.equal(successes.code, 0, successes.stderr);
    assert.deepEqual(
      successes.stdout
        .trim()
        .split('\n')
        .map((line) => line.split(' ')[0]),
      [succeeded],
    );
    const search = await run('ls', '--search', 'AMBIENT');
    assert.deepEqual(
      search.stdout
        .trim()
        .split('\n')
        .map((line) => line.split(' ')[0]),
      [failed],
    );
    assert.match(search.stdout, / FAILURE +[\d.]+ \w+ ago {2}ambient pads$/m);
    const json = await run('status', succeeded, '--json');
    assert.equal((JSON.parse(json.stdout) as { job_id: string }).job_id, succeeded);
  });

  it('retries a failed job and follows it again, and deletes it', async () => {
    analysis.script('analyze', () => ({ status: 400, body: { detail: 'still silent' } }));
    const retried = await run('retry', failed, '--wait');
    assert.equal(retried.code, 1, retried.stderr + retried.stdout);
    assert.match(retried.stdout, new RegExp(`^Job ${failed} queued again\n`));
    assert.match(retried.stdout, /^Analyzing Style: failed: .*still silent/m);
    assert.match(retried.stderr, /failed: .*still silent/);
    assert.equal(analysis.callsTo('analyze', failed).length, 3, 'called again by the retry');

    const deleted = await run('delete', failed);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(deleted.stdout, `Job ${failed} deleted\n`);
    const gone = await run('status', failed);
    assert.equal(gone.code, 1);
    assert.equal(gone.stderr, 'track: Job not found\n');
    const again = await run('retry', succeeded);
    assert.equal(again.code, 1);
    assert.match(
      again.stderr,
      /^track: Job is SUCCESS; only FAILURE or CANCELLED jobs can be retried\n$/,
    );
  });

  it("says what is wrong: the API's detail, no server, a missing key, a rate limit, bad usage", async () => {
    const empty = await run('create', ' ');
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /^track: prompt must not be empty/);

    const nobody = await new TrackRun(['ls'], { TRACK_URL: `http://127.0.0.1:${await freePort()}` })
      .exited;
    assert.equal(nobody.code, 1);
    assert.match(
      nobody.stderr,
      /No track server answers at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\): start it with "npm start"/,
    );

    const keyed = await refusingServer();
    try {
      const missing = await new TrackRun(['ls'], { TRACK_URL: keyed.url }).exited;
      assert.match(
        missing.stderr,
        /API key \(401: API key required\): pass --key or set TRACK_API_KEY/,
      );
      const wrong = await new TrackRun(['ls'], {
        TRACK_URL: keyed.url,
        TRACK_API_KEY: 'tok_wrong',
      }).exited;
      assert.equal(wrong.code, 1);
      assert.match(
        wrong.stderr,
        /The API key was refused \(401: Invalid API key\): check --key \/ TRACK_API_KEY/,
      );
      const limited = await new TrackRun(['ls'], {
        TRACK_URL: keyed.url,
        TRACK_API_KEY: 'tok_busy',
      }).exited;
      assert.equal(limited.code, 1);
      assert.match(limited.stderr, /Too many requests \(429: slow down\); try again in 7 s/);
      assert.equal(keyed.keys[0], undefined, 'no key, no header');
      for (const key of ['tok_wrong', 'tok_busy']) assert.ok(keyed.keys.includes(key), key);
      assert.ok(
        keyed.paths.every((path) => !path.includes('tok_')),
        'never in the URL',
      );
    } finally {
      await keyed.close();
    }

    const usage = await run('create');
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /missing required argument 'prompt'/);
    const priority = await run('create', 'x', '--priority', 'urgent');
    assert.equal(priority.code, 2);
    assert.match(priority.stderr, /Allowed choices are high, normal, low/);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A server that wants a key (401 without one) and then is over its rate limit (429). */
async function refusingServer(): Promise<{
  url: string;
  keys: (string | undefined)[];
  paths: string[];
  close: () => Promise<void>;
}> {
  const keys: (string | undefined)[] = [];
  const paths: string[] = [];
  const server: Server = createServer((req, res) => {
    const key = req.headers['x-api-key'] as string | undefined;
    keys.push(key);
    paths.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    if (!key) {
      res.writeHead(401).end(JSON.stringify({ detail: 'API key required' }));
    } else if (key === 'tok_wrong') {
      res.writeHead(401).end(JSON.stringify({ detail: 'Invalid API key' }));
    } else {
      res.writeHead(429, { 'retry-after': '7' }).end(JSON.stringify({ detail: 'slow down' }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    keys,
    paths,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
