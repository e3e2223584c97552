import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestEnv } from './test-env';

const run = promisify(execFile);
/** The compiled CLI beside this compiled file (scripts/run-tests.sh builds both). */
const CLI = join(__dirname, '..', '..', 'src', 'auth', 'create-api-key.cli.js');

/** Runs the real CLI as a user would, and returns the key from its last line. */
export async function createKey(env: TestEnv, name: string, admin = false): Promise<string> {
  const args = [CLI, '--name', name, ...(admin ? ['--admin'] : [])];
  const { stdout } = await run(process.execPath, args, { env: { ...process.env, ...env.env() } });
  const lines = stdout.trim().split('\n');
  return lines[lines.length - 1];
}
