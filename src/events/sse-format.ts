import type { JobEventRow } from './job-event-feed.repository';
import { TERMINAL_STATUSES } from '../jobs/job-status';

/** The JSON in an event's `data:` line. */
export interface JobEventMessage {
  id: number;
  job_id: string;
  type: string;
  data: Record<string, unknown>;
  created_at: string;
}

export function toJobEventMessage(row: JobEventRow): JobEventMessage {
  return {
    id: Number(row.id),
    job_id: row.job_id,
    type: row.type,
    data: row.data,
    created_at: row.created_at.toISOString(),
  };
}

/**
 * One SSE message. JSON.stringify escapes line breaks, so the data is always one line and
 * the id, type and data cannot break the framing.
 */
export function sseEvent(row: JobEventRow): string {
  return `id: ${row.id}\nevent: ${row.type}\ndata: ${JSON.stringify(toJobEventMessage(row))}\n\n`;
}

/** A comment line: ignored by EventSource, it keeps proxies from closing an idle stream. */
export function sseComment(text: string): string {
  return `: ${text}\n\n`;
}

export function sseRetry(ms: number): string {
  return `retry: ${ms}\n\n`;
}

export function isTerminalStatusEvent(row: Pick<JobEventRow, 'type' | 'data'>): boolean {
  return row.type === 'job.status' && isTerminalStatus(String(row.data.status));
}

export function isTerminalStatus(status: string): boolean {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}
