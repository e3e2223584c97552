/**
 * Delays between delivery attempts: 5 s, 30 s, 2 min, 10 min, 30 min, 2 h, 5 h (seven
 * retries, eight attempts, about 8 hours), close to the Standard Webhooks example schedule.
 */
export const DEFAULT_WEBHOOK_RETRY_DELAYS_MS = [
  5_000, 30_000, 120_000, 600_000, 1_800_000, 7_200_000, 18_000_000,
];

const MAX_DELAY_MS = 7 * 24 * 3_600_000;
const MAX_RETRIES = 30;
/** A receiver's Retry-After is honoured up to this. */
const MAX_RETRY_AFTER_MS = 24 * 3_600_000;
/** Spreads retries of many deliveries that failed together (a receiver outage). */
const JITTER = 0.1;

/** Parses `WEBHOOK_RETRY_DELAYS_MS` (comma-separated milliseconds); throws naming the bad part. */
export function parseRetryDelays(value: string): number[] {
  const parts = value.split(',').map((part) => part.trim());
  const bad = parts.filter(
    (part) => !/^\d+$/.test(part) || Number(part) < 1 || Number(part) > MAX_DELAY_MS,
  );
  if (bad.length > 0 || parts.length > MAX_RETRIES) {
    throw new Error(
      `must be up to ${MAX_RETRIES} comma-separated delays in ms between 1 and ${MAX_DELAY_MS}, e.g. 5000,30000,120000${bad.length > 0 ? `; bad: ${bad.map((b) => `"${b}"`).join(', ')}` : ''}`,
    );
  }
  return parts.map(Number);
}

/**
 * When to try again after failed attempt number `attempts` (1-based), or undefined when
 * the schedule is used up. A longer `Retry-After` from the receiver wins.
 */
export function nextRetryDelayMs(
  attempts: number,
  schedule: readonly number[],
  retryAfterMs?: number,
  random = Math.random,
): number | undefined {
  const base = schedule[attempts - 1];
  if (base === undefined) return undefined;
  const jittered = Math.round(base * (1 + JITTER * random()));
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
}
