import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestEnv } from './test-env';

const run = promisify(execFile);
const CLI = join(__dirname, '..', '..', 'src', 'auth', 'create-api-key.cli.js');

/**
 * Creates a key with the real CLI, as an operator would (it applies the migrations
 * itself), and returns the key from its last line. Create keys before starting the app
 * so it starts with them.
 */
export async function createApiKey(env: TestEnv, name: string, admin = false): Promise<string> {
  const args = [CLI, '--name', name, ...(admin ? ['--admin'] : [])];
  const { stdout } = await run(process.execPath, args, { env: { ...process.env, ...env.env() } });
  const lines = stdout.trim().split('\n');
  return lines[lines.length - 1];
}
