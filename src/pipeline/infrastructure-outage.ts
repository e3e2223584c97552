/**
 * Whether an error means PostgreSQL or Redis is out of reach (down, restarting, refusing
 * connections, cutting them, too slow to answer), rather than anything wrong with the job:
 * a run that fails so is retried with backoff until they are back, however long that takes,
 * and the job resumes where it was. Anything else a run throws outside the typed service
 * errors is the job's own problem and has a small budget (see `UNEXPECTED_ERROR_RUNS`).
 */
export function isInfrastructureOutage(error: unknown): boolean {
  // pg, TypeORM and undici wrap the socket's error: look through `cause` and `driverError`.
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    if (isOutageItself(e)) return true;
    const wrapped = e as { cause?: unknown; driverError?: unknown };
    e = wrapped.driverError ?? wrapped.cause;
  }
  return false;
}

/** Socket-level codes of a connection that could not be made or was lost. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that cannot serve: class 08 (connection exception), 53
 * (insufficient resources: too many connections, disk full, out of memory), 57P01-57P05
 * (shut down by an administrator or a crash, not accepting connections yet, idle session
 * timeouts) and 58 (I/O errors of the server itself).
 */
const SQLSTATE_OUTAGE = /^(08|53|58)...$|^57P0[1-5]$/;

/**
 * Messages of pg's client and pool, and of ioredis, when the server is gone or too slow
 * (or this process is closing its connections).
 */
const OUTAGE_MESSAGES = [
  /connection terminated/i,
  /cannot use a pool after calling end/i,
  /timeout exceeded when trying to connect/i,
  /client has encountered a connection error/i,
  /query read timeout/i,
  /connection is closed/i,
  /stream isn't writeable/i,
  /reached the max retries per request limit/i,
  /^(LOADING|READONLY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN)\b/,
];

function isOutageItself(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATE_OUTAGE.test(code)))
    return true;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  return OUTAGE_MESSAGES.some((pattern) => pattern.test(error.message));
}
