import { fork } from 'node:child_process';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trackChild } from './cleanup';

/**
 * Zero-latency stand-ins for the four services (CONTRACTS.md), with fixed small answers,
 * plus GET /ref.wav so jobs can carry a reference track and run all four steps. It runs in
 * its own process so its CPU is counted apart from the harness.
 */

const json = (body: unknown) => Buffer.from(JSON.stringify(body));

const ANSWERS: Record<string, Buffer> = {
  '/parse': json({
    tempo: 100,
    key: 'C minor',
    genre: 'lo-fi hip hop',
    instruments: ['piano', 'drums'],
    style_references: [],
    mood: 'chill',
  }),
  '/analyze': json({
    tempo: 92.3,
    key: 'A minor',
    segments: [{ start_time: 0, end_time: 12.5, label: 'intro' }],
  }),
  '/generate': json({
    job_id: 'job_bench',
    stems: { piano: '/stems/job_bench_piano.wav', drums: '/stems/job_bench_drums.wav' },
  }),
  // An absolute URL is kept as the final_track_url: no artifact files are involved.
  '/process': json({
    output_path: 'https://cdn.example.com/output/job_bench_master.wav',
    message: 'Mixing and mastering complete.',
  }),
};

/** 0.1 s of 8 kHz 16-bit mono silence: the smallest WAV the orchestrator accepts as audio. */
function tinyWav(): Buffer {
  const data = Buffer.alloc(1600);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

const WAV = tinyWav();

function handle(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  req.on('end', () => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/ref.wav') {
      res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': WAV.length }).end(WAV);
      return;
    }
    const answer = req.method === 'POST' ? ANSWERS[path] : undefined;
    if (!answer) {
      res.writeHead(404, { 'content-length': 0 }).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length })
      .end(answer);
  });
}

function serve(): void {
  const server = createServer(handle);
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => {
    process.send?.({ port: (server.address() as AddressInfo).port });
  });
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
        env: {
          PROMPT_PARSER_URL: `${baseUrl}/parse`,
          STYLE_ANALYSIS_URL: `${baseUrl}/analyze`,
          SOUND_GENERATION_URL: `${baseUrl}/generate`,
          MIXING_MASTERING_URL: `${baseUrl}/process`,
        },
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

if (require.main === module && process.argv.includes('--serve')) serve();
