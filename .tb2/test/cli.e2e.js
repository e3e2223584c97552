"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const promises_1 = require("node:fs/promises");
const node_http_1 = require("node:http");
const node_path_1 = require("node:path");
const node_test_1 = require("node:test");
const contract_stub_1 = require("./support/contract-stub");
const http_client_1 = require("./support/http-client");
const use_orchestrator_1 = require("./support/use-orchestrator");
const CLI = (0, node_path_1.join)(__dirname, '..', 'src', 'cli', 'track.cli.js');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
class TrackRun {
    child;
    stdout = '';
    stderr = '';
    exited;
    constructor(args, env) {
        this.child = (0, node_child_process_1.spawn)(process.execPath, [CLI, ...args], {
            env: { PATH: process.env.PATH ?? '', ...env },
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        this.child.stdout.on('data', (chunk) => (this.stdout += chunk.toString()));
        this.child.stderr.on('data', (chunk) => (this.stderr += chunk.toString()));
        this.exited = new Promise((resolve) => this.child.on('close', (code, signal) => resolve({ code, signal, stdout: this.stdout, stderr: this.stderr })));
    }
    async printed(pattern) {
        const deadline = Date.now() + 30_000;
        for (;;) {
            const match = pattern.exec(this.stdout);
            if (match)
                return match;
            strict_1.default.equal(this.child.exitCode, null, `ended before ${pattern}: ${this.stdout}${this.stderr}`);
            strict_1.default.ok(Date.now() < deadline, `no ${pattern} in: ${this.stdout}`);
            await new Promise((resolve) => setTimeout(resolve, 25));
        }
    }
}
const linesOf = (text, label) => text.split('\n').filter((line) => line.startsWith(`${label}: `));
(0, node_test_1.describe)('the track command line', () => {
    const analysis = new contract_stub_1.ContractStub();
    const { app, env } = (0, use_orchestrator_1.useOrchestrator)({
        stub: false,
        helpers: [analysis],
        env: () => ({
            STYLE_ANALYSIS_URL: `${analysis.baseUrl}/analyze`,
            STEP_RETRY_DELAY_MS: '1500',
        }),
    });
    const track = (...args) => new TrackRun(args, { TRACK_URL: app.url });
    const run = (...args) => track(...args).exited;
    let succeeded;
    let failed;
    (0, node_test_1.it)('creates a track, prints a line per step change and saves the master WAV', async () => {
        const out = (0, node_path_1.join)(env.artifactsDir, 'cli-master.wav');
        const result = await run('create', 'lo-fi piano and drums, 90 bpm', '--out', out);
        strict_1.default.equal(result.code, 0, result.stderr);
        succeeded = UUID.exec(result.stdout)[0];
        strict_1.default.match(result.stdout, new RegExp(`^Job ${succeeded} created\n`));
        for (const label of ['Parsing Prompt', 'Generating Sound', 'Mixing and Mastering']) {
            const lines = linesOf(result.stdout, label);
            if (label !== 'Parsing Prompt')
                strict_1.default.equal(lines[0], `${label}: running`, result.stdout);
            strict_1.default.match(lines.at(-1), new RegExp(`^${label}: done in \\d+\\.\\d s$`), result.stdout);
        }
        strict_1.default.deepEqual(linesOf(result.stdout, 'Analyzing Style'), [], 'no reference, no step');
        const saved = new RegExp(`Job ${succeeded} succeeded\nSaved the master to ${out} \\((\\d+) bytes\\)\n$`);
        const size = Number(saved.exec(result.stdout)?.[1]);
        const wav = await (0, promises_1.readFile)(out);
        strict_1.default.equal(wav.length, size);
        strict_1.default.ok(size > 44 * 1000, `a real track: ${size} bytes`);
        strict_1.default.equal(wav.toString('ascii', 0, 4), 'RIFF');
        strict_1.default.equal(wav.readUInt32LE(4), size - 8, 'the RIFF size covers the file');
        strict_1.default.equal(wav.toString('ascii', 8, 12), 'WAVE');
        await strict_1.default.rejects((0, promises_1.stat)(`${out}.part`), 'no partial file left');
    });
    (0, node_test_1.it)("exits 1 with the service's message, after showing a retry and its countdown", async () => {
        analysis.script('analyze', (_call, n) => n === 1
            ? { status: 503, body: { detail: 'analysis busy' }, hangMs: 400 }
            : { status: 400, body: { detail: 'reference track is silent' } });
        const result = await run('create', 'ambient pads', '--wait', '--reference', analysis.referenceTrackUrl);
        strict_1.default.equal(result.code, 1, result.stdout);
        failed = UUID.exec(result.stdout)[0];
        const lines = linesOf(result.stdout, 'Analyzing Style');
        strict_1.default.equal(lines[0], 'Analyzing Style: running');
        strict_1.default.match(lines[1], /^Analyzing Style: retrying in \d+\.\d s \(attempt 1 failed: style-analysis answered 503: analysis busy\)$/);
        strict_1.default.match(lines.at(-1), /^Analyzing Style: failed: .*reference track is silent/);
        strict_1.default.match(result.stderr, new RegExp(`Job ${failed} failed: .*reference track is silent`));
        strict_1.default.deepEqual(linesOf(result.stdout, 'Generating Sound'), [], 'no later step ran');
    });
    (0, node_test_1.it)('on Ctrl-C without a terminal leaves the job running, prints its id and exits 130', async () => {
        analysis.script('analyze', () => ({ hangMs: 60_000 }));
        const cli = track('create', 'slow strings', '--wait', '--reference', analysis.referenceTrackUrl);
        const [, id] = await cli.printed(/^Job (\S+) created$/m);
        await cli.printed(/^Analyzing Style: running$/m);
        cli.child.kill('SIGINT');
        const result = await cli.exited;
        strict_1.default.equal(result.code, 130);
        strict_1.default.match(result.stdout, new RegExp(`Interrupted: job ${id} keeps running \\(track status ${id}\\)`));
        const job = await (0, http_client_1.requestJson)(`${app.url}/jobs/${id}`);
        strict_1.default.equal(job.body.status, 'PROCESSING');
        const cancel = await run('cancel', id);
        strict_1.default.equal(cancel.code, 0, cancel.stderr);
        strict_1.default.match(cancel.stdout, new RegExp(`^Job ${id}: (cancelled|cancel requested)\n$`));
        strict_1.default.equal((await (0, http_client_1.waitForJob)(app.url, id)).status, 'CANCELLED');
    });
    (0, node_test_1.it)('with --cancel-on-interrupt, Ctrl-C cancels the job', async () => {
        analysis.script('analyze', () => ({ hangMs: 60_000 }));
        const cli = track('create', 'slow brass', '--wait', '--cancel-on-interrupt', '--reference', analysis.referenceTrackUrl);
        const [, id] = await cli.printed(/^Job (\S+) created$/m);
        await cli.printed(/^Analyzing Style: running$/m);
        cli.child.kill('SIGINT');
        const result = await cli.exited;
        strict_1.default.equal(result.code, 130);
        strict_1.default.match(result.stdout, new RegExp(`Interrupted: job ${id} (cancelled|is being cancelled)`));
        strict_1.default.equal((await (0, http_client_1.waitForJob)(app.url, id)).status, 'CANCELLED');
    });
    (0, node_test_1.it)('shows status and lists jobs by status and prompt', async () => {
        const status = await run('status', succeeded);
        strict_1.default.equal(status.code, 0, status.stderr);
        strict_1.default.match(status.stdout, new RegExp(`^Job ${succeeded}: SUCCESS\nPrompt: lo-fi piano and drums, 90 bpm\n`));
        strict_1.default.match(status.stdout, /^ {2}Mixing and Mastering +done in \d+\.\d s$/m);
        strict_1.default.match(status.stdout, /^Master: http:\/\/.*\.wav$/m);
        const failure = await run('status', failed);
        strict_1.default.match(failure.stdout, /^Error: analyze_style: .*reference track is silent/m);
        const successes = await run('ls', '--status', 'success');
        strict_1.default.equal(successes.code, 0, successes.stderr);
        strict_1.default.deepEqual(successes.stdout
            .trim()
            .split('\n')
            .map((line) => line.split(' ')[0]), [succeeded]);
        const search = await run('ls', '--search', 'AMBIENT');
        strict_1.default.deepEqual(search.stdout
            .trim()
            .split('\n')
            .map((line) => line.split(' ')[0]), [failed]);
        strict_1.default.match(search.stdout, / FAILURE +[\d.]+ \w+ ago {2}ambient pads$/m);
        const json = await run('status', succeeded, '--json');
        strict_1.default.equal(JSON.parse(json.stdout).job_id, succeeded);
    });
    (0, node_test_1.it)('retries a failed job and follows it again, and deletes it', async () => {
        analysis.script('analyze', () => ({ status: 400, body: { detail: 'still silent' } }));
        const retried = await run('retry', failed, '--wait');
        strict_1.default.equal(retried.code, 1, retried.stderr + retried.stdout);
        strict_1.default.match(retried.stdout, new RegExp(`^Job ${failed} queued again\n`));
        strict_1.default.match(retried.stdout, /^Analyzing Style: failed: .*still silent/m);
        strict_1.default.match(retried.stderr, /failed: .*still silent/);
        strict_1.default.equal(analysis.callsTo('analyze', failed).length, 3, 'called again by the retry');
        const deleted = await run('delete', failed);
        strict_1.default.equal(deleted.code, 0, deleted.stderr);
        strict_1.default.equal(deleted.stdout, `Job ${failed} deleted\n`);
        const gone = await run('status', failed);
        strict_1.default.equal(gone.code, 1);
        strict_1.default.equal(gone.stderr, 'track: Job not found\n');
        const again = await run('retry', succeeded);
        strict_1.default.equal(again.code, 1);
        strict_1.default.match(again.stderr, /^track: Job is SUCCESS; only FAILURE or CANCELLED jobs can be retried\n$/);
    });
    (0, node_test_1.it)("says what is wrong: the API's detail, no server, a missing key, a rate limit, bad usage", async () => {
        const empty = await run('create', ' ');
        strict_1.default.equal(empty.code, 1);
        strict_1.default.match(empty.stderr, /^track: prompt must not be empty/);
        const nobody = await new TrackRun(['ls'], { TRACK_URL: `http://127.0.0.1:${await freePort()}` })
            .exited;
        strict_1.default.equal(nobody.code, 1);
        strict_1.default.match(nobody.stderr, /No track server answers at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\): start it with "npm start"/);
        const keyed = await refusingServer();
        try {
            const missing = await new TrackRun(['ls'], { TRACK_URL: keyed.url }).exited;
            strict_1.default.match(missing.stderr, /API key \(401: API key required\): pass --key or set TRACK_API_KEY/);
            const wrong = await new TrackRun(['ls'], {
                TRACK_URL: keyed.url,
                TRACK_API_KEY: 'tok_wrong',
            }).exited;
            strict_1.default.equal(wrong.code, 1);
            strict_1.default.match(wrong.stderr, /The API key was refused \(401: Invalid API key\): check --key \/ TRACK_API_KEY/);
            const limited = await new TrackRun(['ls'], {
                TRACK_URL: keyed.url,
                TRACK_API_KEY: 'tok_busy',
            }).exited;
            strict_1.default.equal(limited.code, 1);
            strict_1.default.match(limited.stderr, /Too many requests \(429: slow down\); try again in 7 s/);
            strict_1.default.equal(keyed.keys[0], undefined, 'no key, no header');
            for (const key of ['tok_wrong', 'tok_busy'])
                strict_1.default.ok(keyed.keys.includes(key), key);
            strict_1.default.ok(keyed.paths.every((path) => !path.includes('tok_')), 'never in the URL');
        }
        finally {
            await keyed.close();
        }
        const usage = await run('create');
        strict_1.default.equal(usage.code, 2);
        strict_1.default.match(usage.stderr, /missing required argument 'prompt'/);
        const priority = await run('create', 'x', '--priority', 'urgent');
        strict_1.default.equal(priority.code, 2);
        strict_1.default.match(priority.stderr, /Allowed choices are high, normal, low/);
    });
});
async function freePort() {
    const server = (0, node_http_1.createServer)();
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address();
    await new Promise((resolve) => server.close(resolve));
    return port;
}
async function refusingServer() {
    const keys = [];
    const paths = [];
    const server = (0, node_http_1.createServer)((req, res) => {
        const key = req.headers['x-api-key'];
        keys.push(key);
        paths.push(req.url ?? '');
        res.setHeader('content-type', 'application/json');
        if (!key) {
            res.writeHead(401).end(JSON.stringify({ detail: 'API key required' }));
        }
        else if (key === 'tok_wrong') {
            res.writeHead(401).end(JSON.stringify({ detail: 'Invalid API key' }));
        }
        else {
            res.writeHead(429, { 'retry-after': '7' }).end(JSON.stringify({ detail: 'slow down' }));
        }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address();
    return {
        url: `http://127.0.0.1:${port}`,
        keys,
        paths,
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
}
//# sourceMappingURL=cli.e2e.js.map