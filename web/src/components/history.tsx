// The job history: newest first, filtered by status and prompt, one cursor page at a time.
import { useEffect, useState } from 'preact/hooks';
import { api, type JobStatus, type JobSummary, unwrap } from '../api/client';
import type { ApiProblem } from '../api/problem';
import { formatTime, statusLabel } from '../format';
import { followLink, jobPath } from '../router';
import { ProblemNotice } from './problem-notice';

const STATUSES: JobStatus[] = ['PENDING', 'PROCESSING', 'SUCCESS', 'FAILURE', 'CANCELLED'];
const PAGE_SIZE = 10;

interface Filters {
  status: JobStatus | '';
  q: string;
}

export function History() {
  const [filters, setFilters] = useState<Filters>({ status: '', q: '' });
  const [search, setSearch] = useState('');
  const [items, setItems] = useState<JobSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();

  const load = async (from: string | null, current: Filters) => {
    setLoading(true);
    try {
      const page = await unwrap(
        api.GET('/jobs', {
          params: {
            query: {
              limit: PAGE_SIZE,
              ...(current.status ? { status: [current.status] } : {}),
              ...(current.q ? { q: current.q } : {}),
              ...(from ? { cursor: from } : {}),
            },
          },
        }),
      );
      setItems((before) => (from ? [...before, ...page.items] : page.items));
      setCursor(page.next_cursor);
      setProblem(undefined);
    } catch (error) {
      setProblem(error as ApiProblem);
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    void load(null, filters);
  }, [filters]);

  return (
    <section class="panel" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <form
        class="filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setFilters({ ...filters, q: search.trim() });
        }}
      >
        <div>
          <label for="status-filter">Status</label>
          <select
            id="status-filter"
            value={filters.status}
            onChange={(event) =>
              setFilters({ ...filters, status: event.currentTarget.value as Filters['status'] })
            }
          >
            <option value="">All</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {statusLabel(status)}
              </option>
            ))}
          </select>
        </div>
        <div class="grow">
          <label for="search">Search prompts</label>
          <div class="row">
            <input
              id="search"
              type="search"
              maxLength={200}
              value={search}
              onInput={(event) => setSearch(event.currentTarget.value)}
            />
            <button type="submit">Search</button>
          </div>
        </div>
      </form>
      {problem && problem.status !== 401 && <ProblemNotice problem={problem} />}
      {items.length === 0 && !loading && !problem && <p>No jobs yet.</p>}
      <ul class="history" aria-label="Jobs" aria-busy={loading}>
        {items.map((job) => (
          <li key={job.job_id}>
            <a href={jobPath(job.job_id)} onClick={followLink}>
              <span class="prompt">{job.prompt}</span>
            </a>
            <span class={`badge status-${job.status.toLowerCase()}`}>
              {statusLabel(job.status)}
            </span>
            <time dateTime={job.created_at}>{formatTime(job.created_at)}</time>
          </li>
        ))}
      </ul>
      {cursor && (
        <button type="button" disabled={loading} onClick={() => void load(cursor, filters)}>
          Load more
        </button>
      )}
    </section>
  );
}
