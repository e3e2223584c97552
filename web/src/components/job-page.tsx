// A job's page (/studio/jobs/{id}): its live timeline, actions and, once done, the music.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Artifact, unwrap } from '../api/client';
import type { StreamState } from '../api/job-events';
import { formatTime, statusLabel } from '../format';
import { isFinished, useJob } from '../hooks/use-job';
import { useNow } from '../hooks/use-now';
import { BASE, followLink } from '../router';
import { JobActions } from './job-actions';
import { Player } from './player';
import { ProblemNotice } from './problem-notice';
import { Stems } from './stems';
import { queueOf, StepTimeline } from './step-timeline';

interface Props {
  jobId: string;
  authVersion: number;
}

export function JobPage({ jobId, authVersion }: Props) {
  const { job, problem, stream, retries, refresh, follow } = useJob(jobId, authVersion);
  const now = useNow(job !== undefined && !isFinished(job));
  const masterUrl = useStableUrl(
    job?.status === 'SUCCESS' ? job.result?.final_track_url : undefined,
  );
  const artifacts = useArtifacts(jobId, job?.status === 'SUCCESS', authVersion);

  useEffect(() => {
    document.title = job
      ? `${statusLabel(job.status)}: ${job.prompt} · Track studio`
      : 'Track studio';
  }, [job?.status, job?.prompt]);

  if (!job) {
    return (
      <section class="panel">
        <h1>Job</h1>
        {problem && problem.status !== 401 ? <ProblemNotice problem={problem} /> : <p>Loading…</p>}
        <p>
          <a href={BASE} onClick={followLink}>
            Back to the studio
          </a>
        </p>
      </section>
    );
  }

  const queue = queueOf(job);
  return (
    <article class="panel job" aria-labelledby="job-title">
      <p>
        <a href={BASE} onClick={followLink}>
          ← Studio
        </a>
      </p>
      <h1 id="job-title" class="job-prompt">
        {job.prompt}
      </h1>
      <p class="meta">
        Created <time dateTime={job.created_at}>{formatTime(job.created_at)}</time>
        {job.reference_track_url && <> · reference {job.reference_track_url}</>}
      </p>
      <p class="job-status" role="status" aria-live="polite">
        <span class={`badge status-${job.status.toLowerCase()}`}>{statusLabel(job.status)}</span>
        {queue && job.status === 'PROCESSING' && <> · number {queue.position} in line</>}
        {job.status === 'FAILURE' && job.error && <> · {job.error.message}</>}
      </p>
      <StreamNotice stream={stream} now={now} />
      <JobActions
        job={job}
        onChanged={() => void refresh()}
        onRetried={() => {
          void refresh();
          follow();
        }}
      />
      <h2>Steps</h2>
      <StepTimeline job={job} retries={retries} now={now} />
      {masterUrl && <Player url={masterUrl} title="Master" />}
      {artifacts && <Stems artifacts={artifacts} />}
      {problem && problem.status !== 401 && <ProblemNotice problem={problem} />}
    </article>
  );
}

/** The stream's trouble, if any: a healthy stream says nothing. */
function StreamNotice({ stream, now }: { stream: StreamState; now: number }) {
  if (stream.kind === 'reconnecting') {
    const seconds = Math.max(0, Math.ceil((stream.at - now) / 1000));
    return (
      <p class="notice">
        Live updates interrupted: {stream.reason} Reconnecting
        {seconds > 0 ? ` in ${seconds} s` : ''}…
      </p>
    );
  }
  if (stream.kind === 'refused' && stream.problem.status !== 401)
    return <ProblemNotice problem={stream.problem} />;
  return null;
}

/**
 * The first link seen stays: a signed link is valid for an hour and the server hands out
 * the same one meanwhile, so the player is never reloaded under the listener.
 */
function useStableUrl(url: string | undefined): string | undefined {
  const kept = useRef<string | undefined>(undefined);
  if (url === undefined) kept.current = undefined;
  else kept.current ??= url;
  return kept.current;
}

/** The job's files, read once it has succeeded. */
function useArtifacts(jobId: string, done: boolean, authVersion: number): Artifact[] | undefined {
  const [artifacts, setArtifacts] = useState<Artifact[]>();
  useEffect(() => {
    if (!done) {
      setArtifacts(undefined);
      return;
    }
    let current = true;
    unwrap(api.GET('/jobs/{job_id}/artifacts', { params: { path: { job_id: jobId } } }))
      .then((answer) => current && setArtifacts(answer.artifacts))
      .catch(() => current && setArtifacts([]));
    return () => {
      current = false;
    };
  }, [jobId, done, authVersion]);
  return artifacts;
}
