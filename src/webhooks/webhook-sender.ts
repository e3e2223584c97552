import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { Agent, request } from 'undici';
import { AppConfig } from '../config/app-config';
import { parseRetryAfter } from '../clients/http-transport';
import { findOutboundRefusal, OutboundUrlGuard } from '../outbound/outbound-url-guard';
import type { WebhookPayload } from './webhook-deliveries.repository';
import { openUrlPassword, UnreadableWebhookCredentialsError } from './webhook-credentials';
import { webhookHeaders } from './webhook-signer';

/** Enough of a receiver's answer for the log to say what went wrong. */
const MAX_ERROR_BODY_CHARS = 300;
const USER_AGENT = 'track-orchestrator-webhooks/1.0';

export type SendResult =
  | { ok: true; statusCode: number }
  | {
      ok: false;
      error: string;
      statusCode?: number;
      retryAfterMs?: number;
      /** The start of the receiver's answer: for the log, never for `last_error`. */
      body?: string;
      /** The receiver said it wants no more (410 Gone): do not retry. */
      permanent?: boolean;
    };

/** The exact bytes sent and signed: minified JSON, top-level keys in the documented order. */
export function serializePayload(payload: WebhookPayload): string {
  return JSON.stringify({ type: payload.type, timestamp: payload.timestamp, data: payload.data });
}

/**
 * POSTs one signed delivery. Its connection pool is its own, so slow receivers never hold
 * the sockets the pipeline's service calls use; every socket connects only to addresses
 * the SSRF guard allows (checked at connect time, so DNS rebinding does not get through);
 * redirects are not followed (the Standard Webhooks spec counts a 3xx as a failure).
 */
@Injectable()
export class WebhookSender implements OnModuleDestroy {
  private readonly agent: Agent;

  constructor(
    private readonly config: AppConfig,
    private readonly guard: OutboundUrlGuard,
  ) {
    this.agent = new Agent({
      keepAliveTimeout: 10_000,
      // Per origin: the dispatcher sends no more than this to one receiver at a time.
      connections: config.webhookConcurrencyPerOrigin,
      headersTimeout: config.webhookTimeoutMs,
      bodyTimeout: config.webhookTimeoutMs,
      connect: guard.connector('webhook_url', config.webhookTimeoutMs),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.agent.close();
  }

  async send(id: string, storedUrl: string, payload: WebhookPayload): Promise<SendResult> {
    const key = this.config.webhookKey;
    // The dispatcher does not run without a key; an unsigned delivery is never sent.
    if (key === undefined) return { ok: false, error: 'not sent: WEBHOOK_SECRET is not set' };
    let url: string;
    try {
      url = openUrlPassword(storedUrl, this.config.webhookCredentialsKey);
    } catch (error) {
      if (!(error instanceof UnreadableWebhookCredentialsError)) throw error;
      // Retrying cannot help, and sending without the password would only be refused.
      return { ok: false, permanent: true, error: `not sent: ${error.message}` };
    }
    const timeoutMs = this.config.webhookTimeoutMs;
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      this.guard.assertLiteralAllowed(url, 'webhook_url');
      const body = serializePayload(payload);
      const { target, authorization } = splitCredentials(url);
      const res = await request(target, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          ...(authorization ? { authorization } : {}),
          ...webhookHeaders(key, id, body),
        },
        signal,
        dispatcher: this.agent,
      });
      const text = await readSnippet(res.body);
      if (res.statusCode >= 200 && res.statusCode < 300)
        return { ok: true, statusCode: res.statusCode };
      const retryAfter = res.headers['retry-after'];
      return {
        ok: false,
        statusCode: res.statusCode,
        // The receiver's own words can name its internals: they go to the log only.
        error: `receiver answered ${res.statusCode}${STATUS_CODES[res.statusCode] ? ` ${STATUS_CODES[res.statusCode]}` : ''}`,
        ...(text ? { body: text } : {}),
        retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter),
        permanent: res.statusCode === 410,
      };
    } catch (error) {
      if (signal.aborted) return { ok: false, error: `no answer within ${timeoutMs} ms` };
      return { ok: false, error: describeError(error) };
    }
  }
}

/**
 * undici drops the credentials of a URL unsent; a receiver behind HTTP Basic auth
 * (`https://user:password@host/...`) gets them as the header curl or a browser would send.
 */
export function splitCredentials(url: string): { target: string; authorization?: string } {
  const parsed = new URL(url);
  if (!parsed.username && !parsed.password) return { target: url };
  const credentials = `${percentDecoded(parsed.username)}:${percentDecoded(parsed.password)}`;
  parsed.username = '';
  parsed.password = '';
  return {
    target: parsed.toString(),
    authorization: `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`,
  };
}

function percentDecoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // a stray "%": taken as typed
  }
}

/** The first characters of the body; the rest is dropped unread. */
async function readSnippet(body: AsyncIterable<unknown> & { destroy(): unknown }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size > MAX_ERROR_BODY_CHARS * 4) {
      body.destroy();
      break;
    }
  }
  const text = Buffer.concat(chunks).toString('utf8').replace(/\s+/g, ' ').trim();
  return text.length > MAX_ERROR_BODY_CHARS ? `${text.slice(0, MAX_ERROR_BODY_CHARS)}…` : text;
}

function describeError(error: unknown): string {
  const refusal = findOutboundRefusal(error);
  if (refusal) return `refused: ${refusal.message}`;
  // undici wraps socket errors in its own; the cause says why.
  const cause = (error as { cause?: unknown }).cause;
  const root = cause instanceof Error ? cause : error;
  if (root instanceof Error) {
    const code = (root as { code?: string }).code;
    return `connection failed: ${code ? `${code} ` : ''}${root.message}`;
  }
  return `connection failed: ${String(root)}`;
}
