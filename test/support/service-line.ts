import type { StubCall, StubService } from './contract-stub';
import type { TestEnv } from './test-env';
import { JobView, postJson, requestJson } from './http-client';

/** What `GET /jobs/{id}` shows of a job waiting in a service's line; `null` otherwise. */
export interface QueueView {
  step: string;
  position: number;
  eta_seconds: number;
}

export type QueuedJobView = JobView & { priority: string; queue: QueueView | null };

/** The service label of the capacity metrics, by the stub's path. */
export const SERVICE_LABEL: Record<StubService, string> = {
  parse: 'prompt-parser',
  analyze: 'style-analysis',
  generate: 'sound-generation',
  process: 'mixing-mastering',
};

/** Creates one job; throws unless the answer is 202. */
export async function createTrack(
  apiUrl: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<string> {
  const res = await postJson<{ job_id: string }>(`${apiUrl}/create-track`, body, headers);
  if (res.status !== 202)
    throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.job_id;
}

/** Creates `count` jobs, `parallel` at a time, with the given headers; returns their ids. */
export async function createTracks(
  apiUrl: string,
  count: number,
  prompt: string,
  options: {
    headers?: Record<string, string>;
    body?: (i: number) => Record<string, unknown>;
    parallel?: number;
  } = {},
): Promise<string[]> {
  const parallel = options.parallel ?? 10;
  const ids: string[] = [];
  for (let start = 0; start < count; start += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - start) }, (_, k) =>
      createTrack(
        apiUrl,
        { prompt: `${prompt} #${start + k}`, ...options.body?.(start + k) },
        options.headers,
      ),
    );
    ids.push(...(await Promise.all(batch)));
  }
  return ids;
}

export async function getJob(
  apiUrl: string,
  id: string,
  headers: Record<string, string> = {},
): Promise<QueuedJobView> {
  const res = await requestJson<QueuedJobView>(`${apiUrl}/jobs/${id}`, { headers });
  if (res.status !== 200) throw new Error(`GET /jobs/${id}: ${res.status}`);
  return res.body;
}

/**
 * The value of one sample of a Prometheus text exposition: `name` with at least the given
 * labels; undefined when there is no such sample.
 */
export function metricValue(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([^}]*)\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const found: Record<string, string> = {};
    for (const pair of (match[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      found[pair[1]] = pair[2];
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[4]);
  }
  return undefined;
}

/** GET /metrics of each URL, summed for one sample (0 where a process has none). */
export async function metricSum(
  urls: string[],
  name: string,
  labels: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<number> {
  let sum = 0;
  for (const url of urls) {
    const text = await (await fetch(`${url}/metrics`, { headers })).text();
    sum += metricValue(text, name, labels) ?? 0;
  }
  return sum;
}

/** Calls that the service took on (not refused), with an interval. */
export function accepted(calls: StubCall[]): StubCall[] {
  return calls.filter((c) => c.outcome !== 'refused');
}

/** How many of `calls` were in flight at `t` (started at or before it, not yet ended). */
export function inFlightAt(calls: StubCall[], t: number): number {
  return calls.filter((c) => c.at <= t && (c.endedAt ?? Infinity) > t).length;
}

/** The most of `calls` in flight at once, from their intervals. */
export function peakConcurrency(calls: StubCall[]): number {
  return Math.max(0, ...calls.map((c) => inFlightAt(calls, c.at)));
}

/**
 * Whether `call` ran while at least `n` of `others` were in flight: at its start, or at a
 * start of one of them during its interval.
 */
export function ranWhileBusy(call: StubCall, others: StubCall[], n: number): boolean {
  const end = call.endedAt ?? Infinity;
  const moments = [call.at, ...others.map((o) => o.at).filter((t) => t > call.at && t < end)];
  return moments.some((t) => inFlightAt(others, t) >= n);
}

/**
 * The jobs of `ids` still unfinished, for a failure message: how many stand where (status,
 * step and its state, how many runs claimed them), then the first few with their steps.
 */
export async function describeUnfinished(env: TestEnv, ids: string[]): Promise<string> {
  const groups = await env.sql<Record<string, unknown>>(
    `SELECT j.status, j.current_step, s.status AS step_status, count(*)::int AS jobs,
            max(j.attempt) AS max_runs,
            round(min(extract(epoch FROM now() - j.updated_at)))::int AS idle_s_min
       FROM jobs j LEFT JOIN job_steps s ON s.job_id = j.id AND s.step = j.current_step
      WHERE j.id = ANY($1) AND j.status IN ('PENDING', 'PROCESSING')
      GROUP BY 1, 2, 3 ORDER BY 4 DESC`,
    [ids],
  );
  const first = await env.sql<Record<string, unknown>>(
    `SELECT j.id, j.status, j.current_step, j.queued_at, j.attempt, j.created_at, j.updated_at,
            (SELECT json_agg(json_build_object('step', s.step, 'status', s.status,
                    'attempts', s.attempts, 'log', s.attempt_log) ORDER BY s.step)
               FROM job_steps s WHERE s.job_id = j.id) AS steps
       FROM jobs j WHERE j.id = ANY($1) AND j.status IN ('PENDING', 'PROCESSING')
      ORDER BY j.created_at LIMIT 5`,
    [ids],
  );
  return `${JSON.stringify(groups)}\nfirst of them: ${JSON.stringify(first)}`;
}
