// The job's steps as the server lists them (a step added on the server shows up here by
// itself), each with what it is doing: in line, running, retrying, done or failed.
import type { Job, JobStep } from '../api/client';
import { formatDuration, formatSeconds } from '../format';
import type { RetryCountdown } from '../hooks/use-job';

/** Where a job waits for a slot of its step's service (the job's `queue` field). */
interface QueuePlace {
  step: string;
  position: number;
  eta_seconds: number | null;
}

/** Set while the job waits in a service's line; an older server leaves the field out. */
export function queueOf(job: Job): QueuePlace | null {
  const queue = (job as { queue?: QueuePlace | null }).queue;
  return queue && typeof queue.position === 'number' ? queue : null;
}

interface Props {
  job: Job;
  retries: Record<string, RetryCountdown>;
  now: number;
}

export function StepTimeline({ job, retries, now }: Props) {
  const queue = queueOf(job);
  return (
    <ol class="timeline" aria-label="Steps">
      {job.steps.map((step) => (
        <li key={step.name} class={`step step-${step.status.toLowerCase()}`}>
          <span class="step-mark" aria-hidden="true" />
          <span class="step-label">{step.label}</span>
          <span class="step-state">
            {describe(step, queue?.step === step.name ? queue : null, retries[step.name], now)}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** One line about a step; statuses this page does not know yet read as their own name. */
function describe(
  step: JobStep,
  queue: QueuePlace | null,
  retry: RetryCountdown | undefined,
  now: number,
): string {
  const status: string = step.status;
  switch (status) {
    case 'PENDING':
      return 'Not started';
    case 'QUEUED': {
      if (!queue) return 'Waiting in line for the service';
      const eta =
        queue.eta_seconds !== null && queue.eta_seconds !== undefined
          ? `, about ${formatSeconds(queue.eta_seconds)} to go`
          : '';
      return `Waiting in line: number ${queue.position}${eta}`;
    }
    case 'RUNNING': {
      const since = step.started_at ? Date.parse(step.started_at) : now;
      return `Running for ${formatDuration(Math.max(0, now - since))}`;
    }
    case 'RETRYING': {
      const attempt = retry?.attempt ?? step.attempts;
      const error = retry?.error ?? step.attempt_log.at(-1)?.error ?? step.error;
      const wait = retry ? Math.max(0, retry.nextAttemptAt - now) : undefined;
      const next =
        wait === undefined
          ? 'trying again soon'
          : wait > 0
            ? `next attempt in ${Math.ceil(wait / 1000)} s`
            : 'trying again now';
      return `Attempt ${attempt} failed${error ? ` (${error})` : ''}; ${next}`;
    }
    case 'SUCCEEDED':
      return step.duration_ms !== null ? `Done in ${formatDuration(step.duration_ms)}` : 'Done';
    case 'FAILED':
      return `Failed: ${step.error ?? 'no message from the service'}`;
    case 'CANCELLED':
      return 'Cancelled';
    default:
      return status.charAt(0) + status.slice(1).toLowerCase();
  }
}
