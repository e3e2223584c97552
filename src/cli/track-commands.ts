import { followJob } from './follow-job';
import { INTERRUPTED_EXIT_CODE, shouldCancel } from './interrupt';
import { failureMessage, JobView } from './job-view';
import { createDisplay, ProgressDisplay } from './progress-display';
import { seconds, stepLines } from './step-lines';
import { CliError, JobPage, TrackClient } from './track-client';

export interface FollowOptions {
  wait?: boolean;
  out?: string;
  cancelOnInterrupt?: boolean;
}

export interface CreateOptions extends FollowOptions {
  reference?: string;
  priority?: string;
}

const out = (text: string) => process.stdout.write(`${text}\n`);
const jobPath = (jobId: string) => `/jobs/${encodeURIComponent(jobId)}`;

/** `track create`: queues a track; with --wait or --out, follows it to its end. */
export async function createTrack(
  client: TrackClient,
  prompt: string,
  options: CreateOptions,
): Promise<number> {
  const body: Record<string, string> = { prompt };
  if (options.reference !== undefined) body.reference_track_url = options.reference;
  if (options.priority !== undefined) body.priority = options.priority;
  const created = await client.request<{ job_id: string }>('POST', '/create-track', body);
  if (!options.wait && options.out === undefined) {
    out(created.job_id); // alone, for scripts: id=$(track create "...")
    return 0;
  }
  const display = createDisplay(process.stdout);
  display.note(`Job ${created.job_id} created`);
  return follow(client, created.job_id, display, options);
}

/** `track retry`: runs a failed or cancelled job again; with --wait or --out, follows it. */
export async function retryJob(
  client: TrackClient,
  jobId: string,
  options: FollowOptions,
): Promise<number> {
  const job = await client.request<JobView>('POST', `${jobPath(jobId)}/retry`);
  if (!options.wait && options.out === undefined) {
    out(`Job ${job.job_id} queued again (${job.status})`);
    return 0;
  }
  const display = createDisplay(process.stdout);
  display.note(`Job ${job.job_id} queued again`);
  return follow(client, job.job_id, display, options);
}

/**
 * Follows a job to its end: 0 on SUCCESS (the master saved to --out), 1 on FAILURE or
 * CANCELLED with the service's message, 130 on Ctrl-C.
 */
async function follow(
  client: TrackClient,
  jobId: string,
  display: ProgressDisplay,
  options: FollowOptions,
): Promise<number> {
  const interrupted = new Promise<number>((resolve) => {
    process.once('SIGINT', () => {
      display.stop();
      void onInterrupt(client, jobId, options).then(resolve, (error: unknown) => {
        process.stderr.write(`${(error as Error).message}\n`);
        resolve(INTERRUPTED_EXIT_CODE);
      });
    });
  });
  const finished = followJob(client, jobId, display).then((job) =>
    finish(client, job, display, options),
  );
  return Promise.race([finished, interrupted]);
}

async function onInterrupt(
  client: TrackClient,
  jobId: string,
  options: FollowOptions,
): Promise<number> {
  const cancel = await shouldCancel(jobId, {
    cancelOnInterrupt: options.cancelOnInterrupt === true,
    interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
  });
  if (cancel) {
    const job = await client.request<JobView>('POST', `${jobPath(jobId)}/cancel`);
    out(
      `Interrupted: job ${jobId} ${job.status === 'CANCELLED' ? 'cancelled' : 'is being cancelled'}`,
    );
  } else {
    out(`Interrupted: job ${jobId} keeps running (track status ${jobId})`);
  }
  return INTERRUPTED_EXIT_CODE;
}

async function finish(
  client: TrackClient,
  job: JobView,
  display: ProgressDisplay,
  options: FollowOptions,
): Promise<number> {
  display.stop();
  if (job.status === 'FAILURE') {
    process.stderr.write(`Job ${job.job_id} failed: ${failureMessage(job)}\n`);
    return 1;
  }
  if (job.status === 'CANCELLED') {
    process.stderr.write(`Job ${job.job_id} was cancelled\n`);
    return 1;
  }
  const master = job.result?.final_track_url;
  out(`Job ${job.job_id} succeeded`);
  if (master === undefined) throw new CliError('The job succeeded without a final track URL');
  if (options.out === undefined) {
    out(`Master: ${master}`);
    return 0;
  }
  const size = await client.download(master, options.out);
  out(`Saved the master to ${options.out} (${size} bytes)`);
  return 0;
}

/** `track status`: the job and its steps. */
export async function showStatus(
  client: TrackClient,
  jobId: string,
  json: boolean,
): Promise<number> {
  const job = await client.getJob(jobId);
  if (json) {
    out(JSON.stringify(job, null, 2));
    return 0;
  }
  out(`Job ${job.job_id}: ${job.status}`);
  out(`Prompt: ${job.prompt}`);
  if (job.priority !== undefined) out(`Priority: ${job.priority}`);
  const lines = stepLines(job, new Map(), Date.now());
  const width = Math.max(0, ...lines.map((line) => line.label.length));
  for (const line of lines) out(`  ${line.label.padEnd(width)}  ${line.state}`);
  if (job.result?.final_track_url) out(`Master: ${job.result.final_track_url}`);
  if (job.status === 'FAILURE') out(`Error: ${failureMessage(job)}`);
  return 0;
}

export interface ListOptions {
  status?: string;
  search?: string;
  limit?: string;
  cursor?: string;
  json?: boolean;
}

/** `track ls`: one page of jobs, newest first. */
export async function listJobs(client: TrackClient, options: ListOptions): Promise<number> {
  const query = new URLSearchParams();
  if (options.status) query.set('status', options.status.toUpperCase());
  if (options.search) query.set('q', options.search);
  if (options.limit) query.set('limit', options.limit);
  if (options.cursor) query.set('cursor', options.cursor);
  const page = await client.request<JobPage>('GET', `/jobs?${query.toString()}`);
  if (options.json) {
    out(JSON.stringify(page, null, 2));
    return 0;
  }
  if (page.items.length === 0) out('No jobs');
  for (const job of page.items) {
    const age = seconds(Date.now() - Date.parse(job.created_at));
    out(`${job.job_id}  ${job.status.padEnd(10)}  ${age.padStart(9)} ago  ${oneLine(job.prompt)}`);
  }
  if (page.next_cursor) process.stderr.write(`More: track ls --cursor ${page.next_cursor}\n`);
  return 0;
}

/** `track cancel`. */
export async function cancelJob(client: TrackClient, jobId: string): Promise<number> {
  const job = await client.request<JobView>('POST', `${jobPath(jobId)}/cancel`);
  out(`Job ${job.job_id}: ${job.status === 'CANCELLED' ? 'cancelled' : 'cancel requested'}`);
  return 0;
}

/** `track delete`. */
export async function deleteJob(client: TrackClient, jobId: string): Promise<number> {
  await client.request<undefined>('DELETE', jobPath(jobId));
  out(`Job ${jobId} deleted`);
  return 0;
}

function oneLine(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
