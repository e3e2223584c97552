"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.wrkInstalled = wrkInstalled;
exports.pickTool = pickTool;
exports.runLoad = runLoad;
const autocannon_1 = __importDefault(require("autocannon"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
function wrkInstalled() {
    return (0, node_child_process_1.spawnSync)('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;
}
function pickTool(wanted) {
    if (wanted === 'auto')
        return wrkInstalled() ? 'wrk' : 'autocannon';
    if (wanted === 'wrk' && !wrkInstalled())
        throw new Error('--load-tool wrk: wrk is not installed');
    return wanted;
}
function runLoad(tool, spec) {
    return tool === 'wrk' ? runWrk(spec) : runAutocannon(spec);
}
async function runAutocannon(spec) {
    let i = 0;
    const next = () => spec.paths[i++ % spec.paths.length];
    const result = await (0, autocannon_1.default)({
        url: spec.baseUrl,
        connections: spec.connections,
        duration: spec.seconds,
        requests: [
            {
                method: spec.method,
                body: spec.body,
                headers: spec.body ? { 'content-type': 'application/json' } : {},
                setupRequest: (request) => ({ ...request, path: next() }),
            },
        ],
    });
    const total = result.requests.total;
    return {
        rps: total / result.duration,
        p50_ms: result.latency.p50,
        p99_ms: result.latency.p99,
        requests: total,
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
    };
}
const lua = (s) => JSON.stringify(s);
function wrkScript(spec) {
    const lines = [
        `wrk.method = ${lua(spec.method)}`,
        spec.body ? `wrk.headers["Content-Type"] = "application/json"` : '',
        spec.body ? `wrk.body = ${lua(spec.body)}` : '',
    ];
    if (spec.paths.length > 1) {
        lines.push(`local paths = {${spec.paths.map(lua).join(',')}}`, 'local i = math.random(#paths)', 'request = function()', '  i = i % #paths + 1', '  return wrk.format(nil, paths[i])', 'end');
    }
    return lines.filter(Boolean).join('\n');
}
function parseWrk(out) {
    const toMs = (v, unit) => Number(v) * ({ us: 1e-3, ms: 1, s: 1000 }[unit] ?? 1);
    const pct = {};
    for (const m of out.matchAll(/^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$/gm))
        pct[m[1]] = toMs(m[2], m[3]);
    const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
    return {
        rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]),
        p50_ms: pct['50'],
        p99_ms: pct['99'],
        requests: Number(/(\d+) requests in/.exec(out)?.[1]),
        non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0),
        errors: errors ? errors.slice(1).reduce((a, b) => a + Number(b), 0) : 0,
    };
}
async function runWrk(spec) {
    const dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'orch-bench-wrk-'));
    const script = (0, node_path_1.join)(dir, 'load.lua');
    (0, node_fs_1.writeFileSync)(script, wrkScript(spec));
    try {
        const args = ['-t2', `-c${spec.connections}`, `-d${spec.seconds}s`, '--latency', '-s', script];
        const out = await new Promise((resolve, reject) => {
            const child = (0, node_child_process_1.spawn)('wrk', [...args, `${spec.baseUrl}${spec.paths[0]}`], {
                stdio: ['ignore', 'pipe', 'pipe'],
            });
            let stdout = '';
            let stderr = '';
            child.stdout.on('data', (d) => (stdout += d.toString()));
            child.stderr.on('data', (d) => (stderr += d.toString()));
            child.on('error', reject);
            child.on('close', (code) => code === 0 ? resolve(stdout) : reject(new Error(`wrk exited ${code}: ${stderr}`)));
        });
        return parseWrk(out);
    }
    finally {
        (0, node_fs_1.rmSync)(dir, { recursive: true, force: true });
    }
}
//# sourceMappingURL=loadgen.js.map