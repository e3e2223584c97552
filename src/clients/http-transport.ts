import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Agent, Dispatcher, FormData, interceptors, request } from 'undici';
import { findOutboundRefusal } from '../outbound/outbound-url-guard';
import { CallAbortedError, PermanentServiceError, TransientServiceError } from './service-errors';

export interface CallOptions {
  /** Stops the call on cancel or shutdown; its reason should be a `CallAbortedError`. */
  signal?: AbortSignal;
  timeoutMs: number;
  idempotencyKey?: string;
}

/** Turns an untrusted response body into a typed value, or says what is wrong with it. */
export type Validator<T> = (body: unknown) => T;

export class MalformedResponseError extends Error {}

const MAX_RESPONSE_BYTES = 1024 * 1024;
const MAX_ERROR_BODY_CHARS = 500;

/**
 * The one HTTP transport every service client shares: a keep-alive connection pool, a
 * timeout and a caller signal on every call, `Idempotency-Key`, and the mapping of every
 * failure to a typed error.
 */
@Injectable()
export class HttpTransport implements OnModuleDestroy {
  private readonly agent = new Agent({
    keepAliveTimeout: 30_000,
    connections: 128,
    connect: { timeout: 5_000 },
  });
  private readonly redirecting = this.agent.compose(interceptors.redirect({ maxRedirections: 3 }));

  async onModuleDestroy(): Promise<void> {
    await this.agent.close();
  }

  postJson<T>(
    service: string,
    url: string,
    payload: unknown,
    validate: Validator<T>,
    options: CallOptions,
  ) {
    return this.call(service, url, JSON.stringify(payload), 'application/json', validate, options);
  }

  postFile<T>(
    service: string,
    url: string,
    file: { bytes: Buffer; filename: string; contentType: string },
    validate: Validator<T>,
    options: CallOptions,
  ) {
    const form = new FormData();
    form.set('file', new Blob([file.bytes], { type: file.contentType }), file.filename);
    return this.call(service, url, form, undefined, validate, options);
  }

  /**
   * GETs a file with a size cap; returns its bytes and content type. A URL from a user
   * comes with a `dispatcher` whose connections the SSRF guard checks.
   */
  async download(
    service: string,
    url: string,
    maxBytes: number,
    options: CallOptions,
    dispatcher: Dispatcher = this.redirecting,
  ): Promise<{ bytes: Buffer; contentType: string | undefined }> {
    return this.withSignals(service, options, async (signal) => {
      const res = await request(url, { method: 'GET', signal, dispatcher });
      if (res.statusCode >= 300) {
        const text = await readText(res.body, MAX_ERROR_BODY_CHARS);
        throw statusError(service, res.statusCode, text, res.headers['retry-after']);
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        res.body.destroy();
        throw new PermanentServiceError(
          service,
          `file is larger than the ${maxBytes}-byte limit (${declared} bytes)`,
        );
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > maxBytes) {
          res.body.destroy();
          throw new PermanentServiceError(
            service,
            `file is larger than the ${maxBytes}-byte limit`,
          );
        }
        chunks.push(chunk as Buffer);
      }
      const contentType = headerValue(res.headers['content-type']);
      return { bytes: Buffer.concat(chunks), contentType };
    });
  }

  private call<T>(
    service: string,
    url: string,
    body: string | FormData,
    contentType: string | undefined,
    validate: Validator<T>,
    options: CallOptions,
  ): Promise<T> {
    return this.withSignals(service, options, async (signal) => {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (contentType) headers['content-type'] = contentType;
      if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
      const res = await request(url, {
        method: 'POST',
        body,
        headers,
        signal,
        dispatcher: this.agent,
      });
      const text = await readText(res.body, MAX_RESPONSE_BYTES);
      if (res.statusCode < 200 || res.statusCode >= 300) {
        throw statusError(service, res.statusCode, text, res.headers['retry-after']);
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new PermanentServiceError(
          service,
          `malformed response: not JSON (${truncate(text)})`,
          res.statusCode,
          truncate(text),
        );
      }
      try {
        return validate(parsed);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new PermanentServiceError(
          service,
          `malformed response: ${reason}`,
          res.statusCode,
          truncate(text),
        );
      }
    });
  }

  /** Runs `work` under the caller's signal plus the timeout, and maps what goes wrong. */
  private async withSignals<T>(
    service: string,
    options: CallOptions,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    // One controller and a timer cleared when the call ends: AbortSignal.timeout would keep
    // its timer (up to 300 s) and AbortSignal.any its links long after the call finished.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`timed out after ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    const caller = options.signal;
    const onCallerAbort = () => controller.abort(caller?.reason);
    if (caller?.aborted) onCallerAbort();
    else caller?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      return await work(controller.signal);
    } catch (error) {
      if (error instanceof TransientServiceError || error instanceof PermanentServiceError)
        throw error;
      if (error instanceof MalformedResponseError) {
        throw new PermanentServiceError(service, `malformed response: ${error.message}`);
      }
      if (options.signal?.aborted) {
        const reason: unknown = options.signal.reason;
        throw reason instanceof CallAbortedError ? reason : new CallAbortedError('cancelled');
      }
      if (timedOut) {
        throw new TransientServiceError(service, `timed out after ${options.timeoutMs} ms`);
      }
      // The address is not allowed (OUTBOUND_URL_ALLOWLIST): asking again will not change that.
      const refusal = findOutboundRefusal(error);
      if (refusal) throw new PermanentServiceError(service, refusal.message);
      throw new TransientServiceError(service, `connection failed: ${describe(error)}`);
    } finally {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onCallerAbort);
    }
  }
}

function statusError(
  service: string,
  status: number,
  text: string,
  retryAfter: string | string[] | undefined,
) {
  const message = `${service} answered ${status}: ${serviceMessage(text)}`;
  if (status === 429 || status >= 500) {
    return new TransientServiceError(
      service,
      message,
      status,
      truncate(text),
      parseRetryAfter(headerValue(retryAfter)),
    );
  }
  return new PermanentServiceError(service, message, status, truncate(text));
}

/** The service's own words: FastAPI's `detail`, or `message` / `error`, else the raw text. */
export function serviceMessage(text: string): string {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    for (const key of ['detail', 'message', 'error']) {
      const value = body?.[key];
      if (typeof value === 'string' && value.trim()) return value;
      if (value !== undefined && value !== null) return truncate(JSON.stringify(value));
    }
  } catch {
    // Not JSON: the text itself is the message.
  }
  return truncate(text.trim()) || '(empty body)';
}

/** `Retry-After` in seconds or as an HTTP date, capped to an hour. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const ms = /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  return Math.min(ms, 3_600_000);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function readText(
  body: AsyncIterable<unknown> & { destroy(): void },
  limit: number,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      throw new MalformedResponseError(`response larger than ${limit} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function truncate(text: string): string {
  return text.length > MAX_ERROR_BODY_CHARS ? `${text.slice(0, MAX_ERROR_BODY_CHARS)}…` : text;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    return code ? `${code} ${error.message}` : error.message;
  }
  return String(error);
}
