import type { JobView, StepView } from './job-view';

/** What the event stream tells about a step beyond the job resource. */
export interface StepHints {
  /** step.retrying: when the next attempt starts (ms since epoch), its delay and why. */
  retryAt?: number;
  retryInMs?: number;
  failedAttempt?: number;
  error?: string;
  /** step.queued: the place in line when it joined. */
  position?: number;
}

/** One step as the progress shows it. */
export interface StepLine {
  name: string;
  label: string;
  /** How full its bar is, 0 to 1. */
  fraction: number;
  /** The live text: elapsed time and countdowns tick. */
  state: string;
  /** The same without the ticking parts: a plain line is printed when it changes. */
  milestone: string;
  /**
   * False while the job already shows a state whose event (with its details) has not come
   * yet: plain lines wait for it rather than print the state twice.
   */
  complete: boolean;
}

/**
 * The job's steps as the server lists them (a step the server adds shows up by itself),
 * each with what it is doing: waiting in line, running, retrying with a countdown, done.
 */
export function stepLines(
  job: JobView,
  hints: ReadonlyMap<string, StepHints>,
  now: number,
): StepLine[] {
  return (job.steps ?? []).map((step) => describe(step, job, hints.get(step.name) ?? {}, now));
}

function describe(step: StepView, job: JobView, hint: StepHints, now: number): StepLine {
  const line = (fraction: number, state: string, milestone = state, complete = true): StepLine => ({
    name: step.name,
    label: step.label,
    fraction,
    state,
    milestone,
    complete,
  });
  const queue = job.queue?.step === step.name ? job.queue : undefined;
  if (step.status === 'QUEUED' || queue) {
    const position = queue?.position ?? hint.position;
    const place = position === undefined ? 'waiting in line' : `waiting in line: #${position}`;
    const eta =
      queue?.eta_seconds === undefined ? '' : ` (about ${seconds(queue.eta_seconds * 1000)})`;
    return line(0, `${place}${eta}`, place);
  }
  switch (step.status) {
    case 'PENDING':
      return line(0, 'waiting');
    case 'RUNNING': {
      const attempt = step.attempts > 0 ? `, attempt ${step.attempts + 1}` : '';
      const since = step.started_at ? Date.parse(step.started_at) : now;
      return line(0.5, `running ${seconds(now - since)}${attempt}`, `running${attempt}`);
    }
    case 'RETRYING': {
      // A hint of an earlier failed attempt says nothing of this one.
      if (hint.failedAttempt !== step.attempts) hint = {};
      const why = `attempt ${hint.failedAttempt ?? step.attempts} failed: ${hint.error ?? step.error ?? 'no message'}`;
      const left = hint.retryAt === undefined ? undefined : Math.max(0, hint.retryAt - now);
      const live = left === undefined ? 'retrying' : `retrying in ${seconds(left)}`;
      const planned =
        hint.retryInMs === undefined ? 'retrying' : `retrying in ${seconds(hint.retryInMs)}`;
      return line(0.5, `${live} (${why})`, `${planned} (${why})`, hint.retryInMs !== undefined);
    }
    case 'SUCCEEDED':
      return line(1, step.duration_ms === null ? 'done' : `done in ${seconds(step.duration_ms)}`);
    case 'FAILED':
      return line(1, `failed: ${step.error ?? 'no message'}`);
    case 'CANCELLED':
      return line(1, 'cancelled');
    default:
      return line(0.5, step.status.toLowerCase());
  }
}

/** 0.4 s, 12 s, 2 min 5 s. */
export function seconds(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const total = Math.round(ms / 1000);
  if (total < 120) return `${total} s`;
  return `${Math.floor(total / 60)} min ${total % 60} s`;
}
