// Cancel, retry and delete, each shown only when the job's state allows it.
import { useState } from 'preact/hooks';
import { api, type Job, unwrap } from '../api/client';
import { ApiProblem } from '../api/problem';
import { BASE, navigate } from '../router';
import { ProblemNotice } from './problem-notice';

interface Props {
  job: Job;
  onChanged: () => void;
  onRetried: () => void;
}

export function JobActions({ job, onChanged, onRetried }: Props) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const path = { params: { path: { job_id: job.job_id } } };

  const act = async (action: () => Promise<unknown>, after: () => void) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await action();
      after();
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
      onChanged();
    } finally {
      setBusy(false);
    }
  };

  const running = job.status === 'PENDING' || job.status === 'PROCESSING';
  const retriable = job.status === 'FAILURE' || job.status === 'CANCELLED';
  const finished = !running;

  return (
    <div class="actions">
      {running && job.cancel_requested_at === null && (
        <button
          type="button"
          disabled={busy}
          onClick={() => void act(() => unwrap(api.POST('/jobs/{job_id}/cancel', path)), onChanged)}
        >
          Cancel job
        </button>
      )}
      {running && job.cancel_requested_at !== null && <span>Cancelling…</span>}
      {retriable && (
        <button
          type="button"
          disabled={busy}
          onClick={() => void act(() => unwrap(api.POST('/jobs/{job_id}/retry', path)), onRetried)}
        >
          Retry job
        </button>
      )}
      {finished && (
        <button
          type="button"
          class="danger"
          disabled={busy}
          onClick={() => {
            if (!window.confirm('Delete this job and its files? This cannot be undone.')) return;
            void act(
              () => unwrap(api.DELETE('/jobs/{job_id}', path)),
              () => navigate(BASE),
            );
          }}
        >
          Delete job
        </button>
      )}
      {problem && problem.status !== 401 && <ProblemNotice problem={problem} />}
    </div>
  );
}
