import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentWav } from './wav-fixture';

export type StubService = 'parse' | 'analyze' | 'generate' | 'process';

export const STUB_SERVICES: readonly StubService[] = ['parse', 'analyze', 'generate', 'process'];

/**
 * What a hook answers instead of the service's normal answer. `status`, `body` or `raw`
 * replace the answer (a fault: never stored for replay), `headers` are added to it, and
 * `hangMs` alone delays the normal answer (to provoke timeouts).
 */
export interface StubAnswer {
  status?: number;
  body?: unknown;
  /** Sent as it is (e.g. not JSON), instead of `body`. */
  raw?: string;
  headers?: Record<string, string>;
  hangMs?: number;
  /** Delays the answer until this settles (or the caller hangs up): a gate a test opens. */
  until?: Promise<unknown>;
}

/** One call as the stub saw it. */
export interface StubCall {
  service: StubService;
  /** The Idempotency-Key header, '' without one. */
  key: string;
  /** The job id the key starts with. */
  jobId: string;
  /** The job's prompt, learnt from its parse call (the other requests do not carry it). */
  prompt: string;
  /** 1 for the first call with this Idempotency-Key, 2 for the next, ... */
  n: number;
  body: string;
  contentType: string | undefined;
  at: number;
  /** When the answer went out, or the caller hung up: `at` to `endedAt` is the call's interval. */
  endedAt?: number;
  /** When the caller hung up before the answer (timeout, cancel, killed process). */
  abortedAt?: number;
  /** Another call with the same key was still in flight: two runs of one step at once. */
  overlapped?: boolean;
  /**
   * `replayed`: the key had already completed, so the orchestrator called a completed step
   * again; a deduplicating service answers from its store, a plain one would do the work twice.
   * `refused`: beyond the service's capacity (503 with Retry-After).
   */
  outcome?: 'executed' | 'replayed' | 'fault' | 'refused' | 'aborted';
}

/** What the stub saw of a set of jobs. */
export interface StubStats {
  calls: number;
  /** Calls that did the work (the first completed call per key). */
  executions: number;
  /** Completed executions beyond the first per key. */
  duplicateExecutions: number;
  /** Calls of a step whose key had already completed (see `StubCall.outcome`). */
  replays: number;
  overlaps: number;
  abortedCalls: number;
}

/** The normal answer of `service` to a call for `jobId`. */
export type Answers = (service: StubService, jobId: string) => unknown;

/** The prompt parser's answer, for a prompt naming `instruments`. */
function promptSpec(instruments: string[]) {
  return {
    tempo: 100,
    key: 'C minor',
    genre: 'lo-fi hip hop',
    instruments,
    style_references: [],
    mood: 'chill',
  };
}

/** The answers of CONTRACTS.md's examples, the same for every job. */
export const CONTRACT_ANSWERS: Answers = (service) => {
  switch (service) {
    case 'parse':
      return promptSpec(['piano', 'drums']);
    case 'analyze':
      return {
        tempo: 92.3,
        key: 'A minor',
        segments: [{ start_time: 0, end_time: 12.5, label: 'intro' }],
      };
    case 'generate':
      return { job_id: 'job_stub', stems: { piano: '/stems/p.wav', drums: '/stems/d.wav' } };
    case 'process':
      return {
        output_path: 'https://cdn.example.com/output/master.wav',
        message: 'Mixing and mastering complete.',
      };
  }
};

/** Answers naming the job in every path, so a test can check where a result came from. */
export const PER_JOB_ANSWERS: Answers = (service, jobId) => {
  switch (service) {
    case 'parse':
      return promptSpec(['drums', 'bass']);
    case 'analyze':
      return { tempo: 120, key: 'A minor', segments: [] };
    case 'generate':
      return {
        job_id: `gen_${jobId}`,
        stems: { drums: `/stems/${jobId}_drums.wav`, bass: `/stems/${jobId}_bass.wav` },
      };
    case 'process':
      return { output_path: perJobFinalTrackUrl(jobId), message: 'Mixing and mastering complete.' };
  }
};

/** The `final_track_url` of a job the stub answered with `PER_JOB_ANSWERS`. */
export function perJobFinalTrackUrl(jobId: string): string {
  return `https://cdn.example.com/output/${jobId}_master.wav`;
}

export interface ContractStubOptions {
  /** The normal answers (default `CONTRACT_ANSWERS`). */
  answers?: Answers;
  /**
   * Behave as a service that honours Idempotency-Key: the first completed answer per key
   * is stored and replayed at once to later calls with that key.
   */
  dedup?: boolean;
  /** Keep no call log (the benchmark: thousands of calls, nothing to assert on). */
  record?: boolean;
}

/** The orchestrator's service URLs for a stub listening at `baseUrl`. */
export function stubServiceEnv(baseUrl: string): Record<string, string> {
  return {
    PROMPT_PARSER_URL: `${baseUrl}/parse`,
    STYLE_ANALYSIS_URL: `${baseUrl}/analyze`,
    SOUND_GENERATION_URL: `${baseUrl}/generate`,
    MIXING_MASTERING_URL: `${baseUrl}/process`,
  };
}

/** Deterministic pseudo-random number in [0, 1) from a string (FNV-1a). */
export function hashUnit(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 2 ** 32;
}

/**
 * The four services of CONTRACTS.md as real HTTP on loopback, for the tests and the
 * benchmark, plus GET /ref.wav (a tiny reference track). Hooks, all reset by `reset()`:
 * `script` (one service's answer per call), `fault` (any service's), `delayMs` (per
 * service), `capacity` (calls at once per service; beyond it 503 with Retry-After) and,
 * with `dedup`, replay of completed keys. Every call is logged with what came of it.
 */
export class ContractStub {
  readonly calls: StubCall[] = [];
  /** Completed executions per key; more than one means the service did the work twice. */
  readonly executionsPerKey = new Map<string, number>();
  delayMs: Partial<Record<StubService, number>> = {};
  /** A hook for every service; a `script` of the service wins over it. */
  fault?: (call: StubCall) => StubAnswer | undefined;
  capacity: Partial<Record<StubService, number>> = {};
  /** The Retry-After, in seconds, of a call refused beyond `capacity`. */
  retryAfterSeconds = 1;
  /** The most calls each service had in flight at once (refused calls not counted). */
  readonly peakInFlight: Partial<Record<StubService, number>> = {};
  baseUrl = '';
  private server?: Server;
  private readonly answers: Answers;
  private readonly scripts = new Map<
    StubService,
    (call: StubCall, n: number) => StubAnswer | undefined
  >();
  private readonly stored = new Map<string, unknown>();
  private readonly inFlightPerKey = new Map<string, number>();
  private readonly inFlightPerService = new Map<StubService, number>();
  private readonly callsPerService = new Map<StubService, number>();
  private readonly prompts = new Map<string, string>();

  constructor(private readonly options: ContractStubOptions = {}) {
    this.answers = options.answers ?? CONTRACT_ANSWERS;
  }

  async start(port = 0): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    // Longer than the orchestrator's idle keep-alive, so it never reuses a socket being closed.
    this.server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The orchestrator's service URLs pointing at this stub. */
  env(): Record<string, string> {
    return stubServiceEnv(this.baseUrl);
  }

  get referenceTrackUrl(): string {
    return `${this.baseUrl}/ref.wav`;
  }

  /**
   * Answers calls to `service` with `answer(call, n)`, n counting calls to that service
   * from 1; undefined gives the normal answer.
   */
  script(
    service: StubService,
    answer: (call: StubCall, n: number) => StubAnswer | undefined,
  ): void {
    this.scripts.set(service, answer);
  }

  reset(): void {
    this.calls.length = 0;
    this.executionsPerKey.clear();
    this.scripts.clear();
    this.stored.clear();
    this.inFlightPerKey.clear();
    this.callsPerService.clear();
    this.prompts.clear();
    this.delayMs = {};
    this.fault = undefined;
    this.capacity = {};
    for (const service of STUB_SERVICES) delete this.peakInFlight[service];
  }

  /** Calls `service` has in flight now (refused calls not counted). */
  inFlight(service: StubService): number {
    return this.inFlightPerService.get(service) ?? 0;
  }

  /** Calls to `service`, of one job if given. */
  callsTo(service: StubService, jobId?: string): StubCall[] {
    return this.calls.filter((c) => c.service === service && (!jobId || c.jobId === jobId));
  }

  /** Calls of one job, or of one of its steps (`parse_prompt`, `generate_sound`, ...). */
  callsFor(jobId: string, step?: string): StubCall[] {
    const key = step ? `${jobId}:${step}` : undefined;
    return this.calls.filter((c) => c.jobId === jobId && (key === undefined || c.key === key));
  }

  /** The calls of these jobs, summed up. */
  statsFor(jobIds: Iterable<string>): StubStats {
    const ids = new Set(jobIds);
    const calls = this.calls.filter((c) => ids.has(c.jobId));
    let executions = 0;
    let duplicateExecutions = 0;
    for (const [key, n] of this.executionsPerKey) {
      if (!ids.has(jobIdOf(key))) continue;
      executions += n;
      duplicateExecutions += Math.max(0, n - 1);
    }
    return {
      calls: calls.length,
      executions,
      duplicateExecutions,
      replays: calls.filter((c) => c.outcome === 'replayed').length,
      overlaps: calls.filter((c) => c.overlapped).length,
      abortedCalls: calls.filter((c) => c.outcome === 'aborted').length,
    };
  }

  /** Injected faults per service, to check each one was really exercised. */
  faultsByService(): Record<StubService, number> {
    const counts = Object.fromEntries(STUB_SERVICES.map((s) => [s, 0])) as Record<
      StubService,
      number
    >;
    for (const c of this.calls) if (c.outcome === 'fault') counts[c.service] += 1;
    return counts;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/ref.wav') {
      req.resume();
      res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': TINY_WAV.length });
      res.end(TINY_WAV);
      return;
    }
    const service = path.slice(1) as StubService;
    if (req.method !== 'POST' || !STUB_SERVICES.includes(service)) {
      req.resume();
      res.writeHead(404, { 'content-length': 0 }).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('latin1');
    const key = String(req.headers['idempotency-key'] ?? '');
    const call: StubCall = {
      service,
      key,
      jobId: jobIdOf(key),
      prompt: '',
      n: 1,
      body,
      contentType: req.headers['content-type'],
      at: Date.now(),
    };
    if (this.options.record === false) {
      await this.serve(call, undefined, res);
      return;
    }
    if (service === 'parse') this.prompts.set(call.jobId, promptOf(body));
    call.prompt = this.prompts.get(call.jobId) ?? '';
    call.n = this.calls.filter((c) => c.key === key).length + 1;
    this.calls.push(call);
    const nthToService = (this.callsPerService.get(service) ?? 0) + 1;
    this.callsPerService.set(service, nthToService);
    const hook = this.scripts.get(service);
    await this.serve(call, hook ? hook(call, nthToService) : this.fault?.(call), res);
  }

  private async serve(
    call: StubCall,
    hook: StubAnswer | undefined,
    res: ServerResponse,
  ): Promise<void> {
    const { service, key } = call;
    const inFlight = (this.inFlightPerService.get(service) ?? 0) + 1;
    const limit = this.capacity[service];
    if (limit !== undefined && inFlight > limit) {
      call.outcome = 'refused';
      sendJson(
        res,
        503,
        { detail: `${service} is at capacity` },
        {
          'retry-after': String(this.retryAfterSeconds),
        },
      );
      return;
    }
    this.inFlightPerService.set(service, inFlight);
    this.peakInFlight[service] = Math.max(this.peakInFlight[service] ?? 0, inFlight);
    if ((this.inFlightPerKey.get(key) ?? 0) > 0) call.overlapped = true;
    this.inFlightPerKey.set(key, (this.inFlightPerKey.get(key) ?? 0) + 1);
    const hungUp = new Promise<void>((resolve) =>
      res.once('close', () => {
        call.endedAt = Date.now();
        this.inFlightPerService.set(service, (this.inFlightPerService.get(service) ?? 1) - 1);
        this.inFlightPerKey.set(key, (this.inFlightPerKey.get(key) ?? 1) - 1);
        if (!res.writableFinished) {
          call.abortedAt = Date.now();
          call.outcome = 'aborted';
        }
        resolve();
      }),
    );
    const wait = async (ms: number): Promise<boolean> => {
      if (ms > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise((resolve) => (timer = setTimeout(resolve, ms))),
          hungUp,
        ]).finally(() => clearTimeout(timer));
      }
      return !res.destroyed && !res.writableEnded;
    };

    if (hook && (hook.status !== undefined || hook.raw !== undefined || hook.body !== undefined)) {
      if (!(await wait(hook.hangMs ?? 0))) return;
      call.outcome = 'fault';
      const payload = hook.raw ?? JSON.stringify(hook.body ?? this.answers(service, call.jobId));
      sendRaw(res, hook.status ?? 200, payload, hook.headers);
      return;
    }
    if (hook?.until) await Promise.race([hook.until, hungUp]);
    if (res.destroyed || res.writableEnded) return;
    const stored = this.options.dedup ? this.stored.get(key) : undefined;
    if (stored !== undefined) {
      // A real service answers a repeated key from its store, at once.
      call.outcome = 'replayed';
      sendJson(res, 200, stored, hook?.headers);
      return;
    }
    if (!(await wait(hook?.hangMs ?? this.delayMs[service] ?? 0))) return;
    call.outcome = 'executed';
    if (this.options.record !== false)
      this.executionsPerKey.set(key, (this.executionsPerKey.get(key) ?? 0) + 1);
    const answer = this.answers(service, call.jobId);
    if (this.options.dedup) this.stored.set(key, answer);
    sendJson(res, 200, answer, hook?.headers);
  }
}

/** Idempotency keys are `<job id>:<step>`. */
function jobIdOf(key: string): string {
  return key.split(':')[0];
}

function promptOf(body: string): string {
  try {
    const { prompt } = JSON.parse(body) as { prompt?: unknown };
    return typeof prompt === 'string' ? prompt : '';
  } catch {
    return '';
  }
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendRaw(res, status, JSON.stringify(body), headers);
}

function sendRaw(
  res: ServerResponse,
  status: number,
  payload: string,
  headers: Record<string, string> = {},
): void {
  res
    .writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload),
      ...headers,
    })
    .end(payload);
}

/** 0.1 s of 8 kHz silence: the smallest WAV the orchestrator accepts as audio. */
const TINY_WAV = silentWav(0.1, 8000);
