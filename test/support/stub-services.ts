import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StubService = 'parse' | 'analyze' | 'generate' | 'process';

/** What a scripted stub answers; `hangMs` delays the answer (to provoke timeouts). */
export interface StubAnswer {
  status?: number;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  hangMs?: number;
}

export interface StubCall {
  service: StubService;
  idempotencyKey: string | undefined;
  body: string;
  contentType: string | undefined;
}

const DEFAULT_ANSWERS: Record<StubService, StubAnswer> = {
  parse: {
    body: {
      tempo: 100,
      key: 'C minor',
      genre: 'lo-fi hip hop',
      instruments: ['piano', 'drums'],
      style_references: [],
      mood: 'chill',
    },
  },
  analyze: {
    body: {
      tempo: 92.3,
      key: 'A minor',
      segments: [{ start_time: 0, end_time: 12.5, label: 'intro' }],
    },
  },
  generate: {
    body: { job_id: 'job_stub', stems: { piano: '/stems/p.wav', drums: '/stems/d.wav' } },
  },
  process: {
    body: {
      output_path: 'https://cdn.example.com/output/master.wav',
      message: 'Mixing and mastering complete.',
    },
  },
};

/**
 * Real HTTP stand-ins for the four services on loopback. Each answer can be scripted per
 * call (`script`), and every call is logged with its Idempotency-Key.
 */
export class StubServices {
  readonly calls: StubCall[] = [];
  private readonly scripts = new Map<
    StubService,
    ((call: StubCall, n: number) => StubAnswer | undefined)[]
  >();
  private server?: Server;
  baseUrl = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
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

  /** Answers calls to `service` with `answer(call, n)` (n counts calls to it, from 1); undefined falls through to the default. */
  script(
    service: StubService,
    answer: (call: StubCall, n: number) => StubAnswer | undefined,
  ): void {
    this.scripts.set(service, [answer]);
  }

  reset(): void {
    this.scripts.clear();
    this.calls.length = 0;
  }

  callsTo(service: StubService, jobId?: string): StubCall[] {
    return this.calls.filter(
      (c) => c.service === service && (!jobId || c.idempotencyKey?.startsWith(jobId)),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const service = (req.url ?? '').replace(/^\//, '').split('?')[0] as StubService;
    if (!(service in DEFAULT_ANSWERS)) {
      res.writeHead(404).end();
      return;
    }
    const call: StubCall = {
      service,
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      body: Buffer.concat(chunks).toString('latin1'),
      contentType: req.headers['content-type'],
    };
    this.calls.push(call);
    const n = this.calls.filter((c) => c.service === service).length;
    const answer = { ...DEFAULT_ANSWERS[service], ...this.scripts.get(service)?.[0]?.(call, n) };
    if (answer.hangMs) await new Promise((resolve) => setTimeout(resolve, answer.hangMs));
    if (res.destroyed) return;
    const payload = answer.raw ?? JSON.stringify(answer.body ?? {});
    res
      .writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers })
      .end(payload);
  }
}
