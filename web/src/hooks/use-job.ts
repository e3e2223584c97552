// One job as the server has it: read once, then again after each of its events.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, FINISHED, type Job, type JobEvent, unwrap } from '../api/client';
import { followJobEvents, type StreamState } from '../api/job-events';
import type { ApiProblem } from '../api/problem';

/** When a retrying step tries again, from its last `step.retrying` event. */
export interface RetryCountdown {
  attempt: number;
  nextAttemptAt: number;
  error: string | undefined;
}

export interface JobView {
  job: Job | undefined;
  problem: ApiProblem | undefined;
  stream: StreamState;
  /** By step name. */
  retries: Record<string, RetryCountdown>;
  /** Reads the job again now (after an action). */
  refresh: () => Promise<void>;
  /** Follows the stream again (after a retry restarted a finished job). */
  follow: () => void;
}

export function useJob(jobId: string, authVersion: number): JobView {
  const [job, setJob] = useState<Job>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [stream, setStream] = useState<StreamState>({ kind: 'connecting' });
  const [retries, setRetries] = useState<Record<string, RetryCountdown>>({});
  const [generation, setGeneration] = useState(0);
  const lastEventId = useRef<number | undefined>(undefined);
  const reading = useRef<Promise<void> | undefined>(undefined);
  const readAgain = useRef(false);

  const refresh = useCallback(async () => {
    // One read at a time; events that arrive meanwhile ask for one more read after it.
    if (reading.current) {
      readAgain.current = true;
      return reading.current;
    }
    const read = async () => {
      do {
        readAgain.current = false;
        try {
          setJob(await unwrap(api.GET('/jobs/{job_id}', { params: { path: { job_id: jobId } } })));
          setProblem(undefined);
        } catch (error) {
          setProblem(error as ApiProblem);
        }
      } while (readAgain.current);
    };
    reading.current = read().finally(() => (reading.current = undefined));
    return reading.current;
  }, [jobId]);

  useEffect(() => {
    setJob(undefined);
    setRetries({});
    lastEventId.current = undefined;
  }, [jobId]);

  useEffect(() => {
    void refresh();
    const onEvent = (event: JobEvent) => {
      lastEventId.current = event.id;
      const data = event.data as Record<string, unknown>;
      if (event.type === 'step.retrying' && typeof data.step === 'string') {
        const step = data.step;
        const delay = typeof data.retry_in_ms === 'number' ? data.retry_in_ms : 0;
        setRetries((all) => ({
          ...all,
          [step]: {
            attempt: typeof data.attempt === 'number' ? data.attempt : 0,
            nextAttemptAt: Date.parse(event.created_at) + delay,
            error: typeof data.error === 'string' ? data.error : undefined,
          },
        }));
      }
      void refresh();
    };
    const stop = followJobEvents(jobId, lastEventId.current, {
      onEvent,
      onState: (state) => {
        setStream(state);
        if (state.kind === 'ended') void refresh();
      },
    });
    return stop;
  }, [jobId, refresh, generation, authVersion]);

  const follow = useCallback(() => setGeneration((g) => g + 1), []);

  return { job, problem, stream, retries, refresh, follow };
}

export function isFinished(job: Job | undefined): boolean {
  return job !== undefined && FINISHED.includes(job.status);
}
