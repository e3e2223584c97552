import { fork } from 'node:child_process';
import { ContractStub, stubServiceEnv } from '../test/support/contract-stub';
import { trackChild } from './cleanup';

/**
 * The tests' contract stub of the four services (and GET /ref.wav, so jobs can carry a
 * reference track and run all four steps), with no delay and no call log. It runs in its
 * own process so its CPU is counted apart from the harness.
 */

async function serve(): Promise<void> {
  const stub = new ContractStub({ record: false });
  await stub.start();
  process.send?.({ port: Number(new URL(stub.baseUrl).port) });
  process.on('disconnect', () => process.exit(0));
}

export interface StubHandle {
  baseUrl: string;
  pid: number;
  env: Record<string, string>;
  referenceTrackUrl: string;
  stop(): Promise<void>;
}

/** Forks this file as the stub process and waits for its port. */
export function startStub(): Promise<StubHandle> {
  const child = fork(__filename, ['--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  trackChild(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('stub did not start in 10 s')), 10_000);
    child.once('exit', (code) => reject(new Error(`stub exited with ${code}`)));
    child.once('message', (message: { port: number }) => {
      clearTimeout(timer);
      const baseUrl = `http://127.0.0.1:${message.port}`;
      resolve({
        baseUrl,
        pid: child.pid!,
        referenceTrackUrl: `${baseUrl}/ref.wav`,
        env: stubServiceEnv(baseUrl),
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

if (require.main === module && process.argv.includes('--serve')) void serve();
