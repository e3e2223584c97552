import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadTool } from './flags';

/**
 * Closed-loop HTTP load at a fixed number of connections: wrk (as the bench-limits kit
 * uses, `-t2 -cN --latency`) when it is installed, autocannon otherwise.
 */

export interface LoadSpec {
  baseUrl: string;
  method: 'GET' | 'POST';
  /** One path, or several that the connections cycle through. */
  paths: string[];
  body?: string;
  connections: number;
  seconds: number;
}

export interface LoadResult extends Record<string, number> {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export function wrkInstalled(): boolean {
  return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;
}

export function pickTool(wanted: LoadTool): 'wrk' | 'autocannon' {
  if (wanted === 'auto') return wrkInstalled() ? 'wrk' : 'autocannon';
  if (wanted === 'wrk' && !wrkInstalled()) throw new Error('--load-tool wrk: wrk is not installed');
  return wanted;
}

export function runLoad(tool: 'wrk' | 'autocannon', spec: LoadSpec): Promise<LoadResult> {
  return tool === 'wrk' ? runWrk(spec) : runAutocannon(spec);
}

async function runAutocannon(spec: LoadSpec): Promise<LoadResult> {
  let i = 0;
  const next = () => spec.paths[i++ % spec.paths.length];
  const result = await autocannon({
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

const lua = (s: string) => JSON.stringify(s); // a JSON string literal is a valid Lua string here

function wrkScript(spec: LoadSpec): string {
  const lines = [
    `wrk.method = ${lua(spec.method)}`,
    spec.body ? `wrk.headers["Content-Type"] = "application/json"` : '',
    spec.body ? `wrk.body = ${lua(spec.body)}` : '',
  ];
  if (spec.paths.length > 1) {
    lines.push(
      `local paths = {${spec.paths.map(lua).join(',')}}`,
      'local i = math.random(#paths)',
      'request = function()',
      '  i = i % #paths + 1',
      '  return wrk.format(nil, paths[i])',
      'end',
    );
  }
  return lines.filter(Boolean).join('\n');
}

function parseWrk(out: string): LoadResult {
  const toMs = (v: string, unit: string) => Number(v) * ({ us: 1e-3, ms: 1, s: 1000 }[unit] ?? 1);
  const pct: Record<string, number> = {};
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

async function runWrk(spec: LoadSpec): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'orch-bench-wrk-'));
  const script = join(dir, 'load.lua');
  writeFileSync(script, wrkScript(spec));
  try {
    const args = ['-t2', `-c${spec.connections}`, `-d${spec.seconds}s`, '--latency', '-s', script];
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn('wrk', [...args, `${spec.baseUrl}${spec.paths[0]}`], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve(stdout) : reject(new Error(`wrk exited ${code}: ${stderr}`)),
      );
    });
    return parseWrk(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
