"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_path_1 = require("node:path");
const node_test_1 = require("node:test");
const orchestrator_process_1 = require("./support/orchestrator-process");
const test_env_1 = require("./support/test-env");
const MAIN = (0, node_path_1.join)(__dirname, '..', 'src', 'main.js');
const READABLE_LINE = /^\[\d\d:\d\d:\d\d\.\d{3}\] (INFO|WARN|ERROR): \w+: /;
const COLOURS = /\u001b\[[0-9;]*m/g;
async function waitFor(read, pattern, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(read())) {
        if (Date.now() > deadline)
            strict_1.default.fail(`no ${pattern} in:\n${read()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return read();
}
(0, node_test_1.describe)('start-up output', () => {
    const env = new test_env_1.TestEnv();
    (0, node_test_1.before)(() => env.setUp());
    (0, node_test_1.after)(() => env.tearDown());
    function checkPrettyStart(output, url) {
        const [logs, banner] = output.split('Track orchestrator is ready');
        strict_1.default.ok(banner, `a banner after the log lines:\n${output}`);
        const lines = logs.split('\n').filter((line) => line.trim() !== '');
        strict_1.default.ok(lines.length > 3);
        for (const line of lines)
            strict_1.default.match(line, READABLE_LINE, 'one readable line per event');
        strict_1.default.ok(!/RouterExplorer|InstanceLoader/.test(logs), "Nest's route inventory is left out");
        strict_1.default.match(lines.at(-1), /Bootstrap: Listening on http/);
        strict_1.default.match(banner, new RegExp(`API +${url}`));
        strict_1.default.match(banner, new RegExp(`Docs +${url}/docs`));
    }
    (0, node_test_1.it)('prints readable lines and ends with where the API and docs are with LOG_FORMAT=pretty', async () => {
        const app = await orchestrator_process_1.OrchestratorProcess.start('pretty', {
            ...env.env(),
            LOG_LEVEL: 'info',
            LOG_FORMAT: 'pretty',
        });
        try {
            checkPrettyStart(await waitFor(() => app.output, /Docs .*\n\n/), app.url);
        }
        finally {
            await app.stop();
        }
    });
    (0, node_test_1.it)('does the same by default on a terminal (stdout a pseudo-terminal)', { skip: (0, node_child_process_1.spawnSync)('script', ['--version']).status !== 0 && 'script(1) is not installed' }, async () => {
        const port = await (0, orchestrator_process_1.freePort)();
        const url = `http://127.0.0.1:${port}`;
        const childEnv = { ...process.env, ...env.env(), LOG_LEVEL: 'info' };
        childEnv.PORT = String(port);
        delete childEnv.LOG_FORMAT;
        const child = (0, node_child_process_1.spawn)('script', ['-qfec', `'${process.execPath}' '${MAIN}'`, '/dev/null'], {
            env: childEnv,
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk.toString()));
        const exited = new Promise((resolve) => child.once('exit', resolve));
        try {
            const read = () => output.replace(COLOURS, '').replace(/\r/g, '');
            checkPrettyStart(await waitFor(read, /Docs .*\n\n/), url);
        }
        finally {
            child.kill('SIGKILL');
            await exited;
        }
    });
});
//# sourceMappingURL=start-output.e2e.js.map