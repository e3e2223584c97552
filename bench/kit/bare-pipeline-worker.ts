import type { Pool } from 'pg';
import { barePool, bareQueue } from './bare-connections';
import { BARE_PIPELINE_QUEUE, MARK_RUNNING, RECORD_STEP } from './bare-schema';
import { onStopRequest } from './kit-process';

/**
 * The least a four-step worker can do: a Bull processor (concurrency 50, as the
 * orchestrator's default) that marks the row running, then for each step calls the stub
 * with `fetch` and writes its answer with one UPDATE; the last one sets `succeeded`. No
 * retries, checkpoints, events or webhooks. The harness sends `{target}` and is told
 * `{done}` once that many jobs more have completed.
 */

const CONCURRENCY = 50;

async function runSteps(pool: Pool, stepUrls: string[], jobId: string): Promise<void> {
  await pool.query(MARK_RUNNING, [jobId]);
  for (const [i, url] of stepUrls.entries()) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ job_id: jobId, step: i + 1 }),
    });
    const output: unknown = await res.json();
    const status = i === stepUrls.length - 1 ? 'succeeded' : `step_${i + 1}_done`;
    await pool.query(RECORD_STEP, [jobId, status, JSON.stringify(output)]);
  }
}

async function serve(): Promise<void> {
  const stepUrls = (process.env.KIT_STEP_URLS ?? '').split(',').filter(Boolean);
  if (stepUrls.length === 0) throw new Error('KIT_STEP_URLS is empty');
  const pool = await barePool(process.env);
  const queue = await bareQueue(process.env, BARE_PIPELINE_QUEUE);
  let target = Infinity;
  let done = 0;
  void queue.process(CONCURRENCY, (job: { data: { jobId: string } }) =>
    runSteps(pool, stepUrls, job.data.jobId),
  );
  queue.on('completed', () => {
    if (++done === target) process.send?.({ done });
  });
  process.on('message', (message: { target?: number }) => {
    if (typeof message.target !== 'number') return;
    done = 0;
    target = message.target;
  });
  process.send?.({ ready: true, port: 0 });
  onStopRequest(async () => {
    await queue.close();
    await pool.end();
  });
}

if (require.main === module && process.argv.includes('--serve')) {
  serve().catch((error: unknown) => {
    process.stderr.write(`bare pipeline worker: ${String(error)}\n`);
    process.exit(1);
  });
}
