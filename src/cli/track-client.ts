import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { JobView } from './job-view';

/** The header the API reads a key from (also `Authorization: Bearer`). */
export const API_KEY_HEADER = 'x-api-key';

/** What the command says and the exit code it ends with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export interface ClientOptions {
  url: string;
  key?: string;
}

export interface JobPage {
  items: JobView[];
  next_cursor: string | null;
}

/**
 * The orchestrator's HTTP API as the `track` command uses it: the key goes in a header
 * (never in a URL, and never to another origin), and every refusal becomes a message a
 * person can act on.
 */
export class TrackClient {
  readonly baseUrl: URL;

  constructor(private readonly options: ClientOptions) {
    try {
      this.baseUrl = new URL(options.url);
    } catch {
      throw new CliError(`--url is not a URL: ${options.url}`, 2);
    }
  }

  /** The key header, for requests to the API's own origin only. */
  headersFor(url: URL | string): Record<string, string> {
    const sameOrigin = new URL(url, this.baseUrl).origin === this.baseUrl.origin;
    return this.options.key && sameOrigin ? { [API_KEY_HEADER]: this.options.key } : {};
  }

  url(path: string): URL {
    return new URL(path, this.baseUrl);
  }

  /** A JSON request; undefined for an answer without a body (204). */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = this.url(path);
    const headers: Record<string, string> = { accept: 'application/json', ...this.headersFor(url) };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw this.refusal(res, text, url);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  getJob(jobId: string): Promise<JobView> {
    return this.request<JobView>('GET', `/jobs/${encodeURIComponent(jobId)}`);
  }

  /** Saves the file at `url` to `file` (through `file.part`, so no half file is left); its size. */
  async download(url: string, file: string): Promise<number> {
    const target = this.url(url);
    const res = await this.fetch(target, { headers: this.headersFor(target) });
    if (!res.ok || res.body === null) {
      throw this.refusal(res, await res.text(), target);
    }
    const partial = `${file}.part`;
    let size = 0;
    const counted = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>).on(
      'data',
      (chunk: Buffer) => (size += chunk.length),
    );
    try {
      await pipeline(counted, createWriteStream(partial));
      await rename(partial, file);
    } catch (error) {
      await rm(partial, { force: true });
      throw new CliError(`Could not save the master to ${file}: ${(error as Error).message}`);
    }
    return size;
  }

  private refusal(res: Response, text: string, url: URL): CliError {
    const keySent = API_KEY_HEADER in this.headersFor(url);
    return refusal(res.status, detailOf(text, res), res.headers.get('retry-after'), keySent);
  }

  /** fetch, with "no server there" said as such. */
  async fetch(url: URL, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, init);
    } catch (error) {
      throw unreachable(this.baseUrl, error);
    }
  }
}

/** The message for an answer that is not 2xx, from the API's `detail`. */
export function refusal(
  status: number,
  detail: string,
  retryAfter?: string | null,
  keySent = false,
): CliError {
  switch (status) {
    case 401:
      if (keySent)
        return new CliError(
          `The API key was refused (401: ${detail}): check --key / TRACK_API_KEY`,
        );
      return new CliError(
        `The server wants an API key (401: ${detail}): pass --key or set TRACK_API_KEY`,
      );
    case 403:
      return new CliError(`This API key may not do that (403: ${detail})`);
    case 429: {
      const when = retryAfter ? `; try again in ${retryAfter} s` : '; try again shortly';
      return new CliError(`Too many requests (429: ${detail})${when}`);
    }
    default:
      return new CliError(status >= 500 ? `The server failed (${status}): ${detail}` : detail);
  }
}

/** The `detail` of an error body, else its text, else the status text. */
function detailOf(text: string, res: Response): string {
  try {
    const body = JSON.parse(text) as { detail?: unknown };
    if (typeof body.detail === 'string') return body.detail;
  } catch {
    // not JSON: the text itself
  }
  return text.trim() || res.statusText || `HTTP ${res.status}`;
}

/** A request that got no answer at all: no server, wrong port, DNS. */
export function unreachable(baseUrl: URL, error: unknown): CliError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error).message;
  return new CliError(
    `No track server answers at ${baseUrl.origin} (${reason}): start it with "npm start", or point --url / TRACK_URL at it`,
  );
}
