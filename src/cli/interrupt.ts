import { createInterface } from 'node:readline/promises';

/** The exit code of a command stopped by Ctrl-C (128 + SIGINT), as shells expect. */
export const INTERRUPTED_EXIT_CODE = 130;

export interface InterruptPolicy {
  /** `--cancel-on-interrupt`: cancel without asking. */
  cancelOnInterrupt: boolean;
  /** Ask on the terminal; otherwise the job is left running (or cancelled, with the flag). */
  interactive: boolean;
}

/**
 * Whether Ctrl-C while following a job should cancel it: `--cancel-on-interrupt` says yes,
 * a terminal is asked (default no), anything else leaves the job running. A second
 * Ctrl-C at the question answers no.
 */
export async function shouldCancel(jobId: string, policy: InterruptPolicy): Promise<boolean> {
  if (policy.cancelOnInterrupt) return true;
  if (!policy.interactive) return false;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const abort = new AbortController();
  rl.once('SIGINT', () => abort.abort());
  try {
    const answer = await rl.question(`\nCancel job ${jobId}? [y/N] `, { signal: abort.signal });
    return /^y(es)?$/i.test(answer.trim());
  } catch {
    return false;
  } finally {
    rl.close();
  }
}
