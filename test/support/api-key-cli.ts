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

const LIFECYCLE_CLI = join(__dirname, '..', '..', 'src', 'auth', 'api-key.cli.js');

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run apikey -- ...args` (the compiled CLI) as an operator would. */
export async function apiKeyCommand(env: TestEnv, ...args: string[]): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [LIFECYCLE_CLI, ...args], {
      env: { ...process.env, ...env.env() },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** The key a create or rotate printed alone on its last line. */
export function printedKey(result: CommandResult): string {
  const lines = result.stdout.trim().split('\n');
  return lines[lines.length - 1];
}
