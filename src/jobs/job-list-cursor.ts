import { InvalidFieldError } from './jobs.errors';
import { isJobId } from './job-id';

/**
 * Where a page of `GET /jobs` ended: the last job's `created_at` (to the microsecond, as
 * PostgreSQL keeps it; a JavaScript Date would round it and skip or repeat rows) and its
 * id, which breaks ties. Clients see it as an opaque base64url string.
 */
export interface ListPosition {
  createdAt: string;
  id: string;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const INVALID = 'cursor is not one this API returned: pass next_cursor from the previous page';

/** The shape, and a real calendar time (no 30 February): PostgreSQL must accept it. */
function isTimestamp(value: string): boolean {
  if (!TIMESTAMP.test(value)) return false;
  const millis = `${value.slice(0, 23)}Z`;
  const date = new Date(millis);
  return !Number.isNaN(date.getTime()) && date.toISOString() === millis;
}

export function encodeCursor(position: ListPosition): string {
  return Buffer.from(JSON.stringify({ t: position.createdAt, i: position.id })).toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string): ListPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidFieldError('cursor', INVALID);
  }
  const { t, i } = (parsed ?? {}) as { t?: unknown; i?: unknown };
  if (typeof t !== 'string' || !isTimestamp(t) || typeof i !== 'string' || !isJobId(i))
    throw new InvalidFieldError('cursor', INVALID);
  return { createdAt: t, id: i };
}
