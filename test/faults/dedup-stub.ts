import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Service = 'parse' | 'analyze' | 'generate' | 'process';

const SERVICES: readonly Service[] = ['parse', 'analyze', 'generate', 'process'];

/** What the stub answers instead of the real work; `hangMs` alone delays the normal answer. */
export interface Fault {
  status?: number;
  body?: unknown;
  /** Sent as it is (e.g. not JSON), instead of `body`. */
  raw?: string;
  headers?: Record<string, string>;
  hangMs?: number;
}

/** One call as the stub saw it. */
export interface StubCall {
  service: Service;
  key: string;
  jobId: string;
  /** The job's prompt, learnt from its parse call (the other requests do not carry it). */
  prompt: string;
  /** 1 for the first call with this Idempotency-Key, 2 for the next, ... */
  n: number;
  at: number;
  /** When the caller hung up before the answer (timeout, cancel, killed process). */
  abortedAt?: number;
  /** Another call with the same key was still in flight: two runs of one step at once. */
  overlapped?: boolean;
  /**
   * `replayed`: the key had already completed, so the orchestrator called a completed step
   * again; a deduplicating service answers from its store, a plain one would do the work twice.
   */
  outcome?: 'executed' | 'replayed' | 'fault' | 'aborted';
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
 * The four services as a real one that honours `Idempotency-Key` behaves: the first answer
 * per key is kept and replayed to later calls with that key. Each call is logged with what
 * came of it: executed (did the work), replayed (the step had completed before), fault,
 * aborted, and whether another call with the same key was still in flight (two runs of one
 * step at once, which a real service would execute twice). `statsFor` sums them up per set
 * of jobs. Faults are scripted per call with `fault`.
 */
export class DedupStub {
  private server?: Server;
  baseUrl = '';
  readonly calls: StubCall[] = [];
  /** Completed executions per key; more than one means the service did the work twice. */
  readonly executionsPerKey = new Map<string, number>();
  delayMs: Partial<Record<Service, number>> = {};
  fault?: (call: StubCall) => Fault | undefined;
  private readonly answers = new Map<string, unknown>();
  private readonly inFlight = new Map<string, number>();
  private readonly prompts = new Map<string, string>();

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  env(): Record<string, string> {
    return {
      PROMPT_PARSER_URL: `${this.baseUrl}/parse`,
      STYLE_ANALYSIS_URL: `${this.baseUrl}/analyze`,
      SOUND_GENERATION_URL: `${this.baseUrl}/generate`,
      MIXING_MASTERING_URL: `${this.baseUrl}/process`,
    };
  }

  reset(): void {
    this.calls.length = 0;
    this.executionsPerKey.clear();
    this.answers.clear();
    this.inFlight.clear();
    this.prompts.clear();
    this.delayMs = {};
    this.fault = undefined;
  }

  /** The calls of these jobs, summed up. */
  statsFor(jobIds: Iterable<string>): StubStats {
    const ids = new Set(jobIds);
    const calls = this.calls.filter((c) => ids.has(c.jobId));
    let executions = 0;
    let duplicateExecutions = 0;
    for (const [key, n] of this.executionsPerKey) {
      if (!ids.has(key.split(':')[0])) continue;
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

  /** Calls of one job, or of one of its steps (`parse_prompt`, `generate_sound`, ...). */
  callsFor(jobId: string, step?: string): StubCall[] {
    const key = step ? `${jobId}:${step}` : undefined;
    return this.calls.filter((c) => c.jobId === jobId && (key === undefined || c.key === key));
  }

  /** Injected faults per service, to check each one was really exercised. */
  faultsByService(): Record<Service, number> {
    const counts = Object.fromEntries(SERVICES.map((s) => [s, 0])) as Record<Service, number>;
    for (const c of this.calls) if (c.outcome === 'fault') counts[c.service] += 1;
    return counts;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('latin1');
    const service = (req.url ?? '/').slice(1).split('?')[0] as Service;
    if (!SERVICES.includes(service)) {
      res.writeHead(404).end();
      return;
    }
    const key = String(req.headers['idempotency-key'] ?? '');
    const jobId = key.split(':')[0];
    if (service === 'parse')
      this.prompts.set(jobId, (JSON.parse(body) as { prompt: string }).prompt);
    const call: StubCall = {
      service,
      key,
      jobId,
      prompt: this.prompts.get(jobId) ?? '',
      n: this.calls.filter((c) => c.key === key).length + 1,
      at: Date.now(),
    };
    this.calls.push(call);

    if ((this.inFlight.get(key) ?? 0) > 0) call.overlapped = true;
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    let closed = false;
    let onClose = () => {};
    const hungUp = new Promise<void>((resolve) => (onClose = resolve));
    res.once('close', () => {
      closed = true;
      this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1);
      if (!res.writableFinished) {
        call.abortedAt = Date.now();
        call.outcome = 'aborted';
      }
      onClose();
    });
    const wait = async (ms: number) => {
      if (ms <= 0) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise((resolve) => (timer = setTimeout(resolve, ms))),
        hungUp,
      ]).finally(() => clearTimeout(timer));
    };

    const fault = this.fault?.(call);
    if (fault && (fault.status !== undefined || fault.raw !== undefined)) {
      await wait(fault.hangMs ?? 0);
      if (closed) return;
      call.outcome = 'fault';
      res
        .writeHead(fault.status ?? 200, { 'content-type': 'application/json', ...fault.headers })
        .end(fault.raw ?? JSON.stringify(fault.body ?? {}));
      return;
    }
    const stored = this.answers.get(key);
    if (stored !== undefined) {
      // A real service answers a repeated key from its store, at once.
      call.outcome = 'replayed';
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stored));
      return;
    }
    await wait(fault?.hangMs ?? this.delayMs[service] ?? 0);
    if (closed) return;
    call.outcome = 'executed';
    this.executionsPerKey.set(key, (this.executionsPerKey.get(key) ?? 0) + 1);
    const answer = this.answers.get(key) ?? answerFor(service, jobId);
    this.answers.set(key, answer);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }
}

/** What each service returns; the job id in every path lets a test check where a result came from. */
function answerFor(service: Service, jobId: string): unknown {
  switch (service) {
    case 'parse':
      return {
        tempo: 100,
        key: 'C minor',
        genre: 'lo-fi hip hop',
        instruments: ['drums', 'bass'],
        style_references: [],
        mood: 'chill',
      };
    case 'analyze':
      return { tempo: 120, key: 'A minor', segments: [] };
    case 'generate':
      return {
        job_id: `gen_${jobId}`,
        stems: { drums: `/stems/${jobId}_drums.wav`, bass: `/stems/${jobId}_bass.wav` },
      };
    case 'process':
      return { output_path: finalTrackUrl(jobId), message: 'Mixing and mastering complete.' };
  }
}

/** The `final_track_url` a job that went through this stub must end with. */
export function finalTrackUrl(jobId: string): string {
  return `https://cdn.example.com/output/${jobId}_master.wav`;
}
