import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  IdempotencyConflictError,
  JobNotFoundError,
  JobStateConflictError,
  InvalidFieldError,
  BacklogFullError,
  RateLimitedError,
} from '../jobs/jobs.errors';

/** Connection-level failures of PostgreSQL (pg / node codes and SQLSTATE classes 08 and 57P). */
const DB_UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
]);
const DB_UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Connection ended|the database system is (starting up|shutting down)/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (DB_UNAVAILABLE_CODES.has(code) || code.startsWith('08')))
    return true;
  const driverError = (error as { driverError?: unknown }).driverError;
  if (driverError && driverError !== error && isDatabaseUnavailable(driverError)) return true;
  return DB_UNAVAILABLE_MESSAGES.test(error.message);
}

interface ErrorBody {
  detail: string;
  errors?: { field: string; message: string }[];
  [extra: string]: unknown;
}

/**
 * The one place errors become HTTP: every error body is `{detail, ...}` as in the original
 * FastAPI service; nothing unexpected leaks a stack trace.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const [status, body, headers] = this.map(error);
    for (const [name, value] of Object.entries(headers)) void reply.header(name, value);
    void reply.status(status).send(body);
  }

  private map(error: unknown): [number, ErrorBody, Record<string, string>] {
    if (error instanceof JobNotFoundError) return [404, { detail: error.message }, {}];
    if (error instanceof JobStateConflictError)
      return [409, { detail: error.message, status: error.status }, {}];
    if (error instanceof IdempotencyConflictError)
      return [422, { detail: error.message, job_id: error.jobId }, {}];
    if (error instanceof InvalidFieldError)
      return [
        400,
        { detail: error.message, errors: [{ field: error.field, message: error.message }] },
        {},
      ];
    if (error instanceof BacklogFullError) {
      return [
        429,
        { detail: error.message, estimated_wait_seconds: error.estimatedWaitSeconds },
        { 'retry-after': String(error.retryAfterSeconds) },
      ];
    }
    if (error instanceof RateLimitedError) {
      return [429, { detail: error.message }, { 'retry-after': String(error.retryAfterSeconds) }];
    }
    if (error instanceof HttpException)
      return [error.getStatus(), toBody(error.getResponse(), error.message), {}];
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // Fastify's own errors: body too large, bad JSON, unsupported media type.
      return [status, { detail: (error as Error).message }, {}];
    }
    if (isDatabaseUnavailable(error)) {
      this.logger.warn({ msg: 'Database unavailable', err: String(error) });
      return [503, { detail: 'Database unavailable; try again shortly' }, { 'retry-after': '5' }];
    }
    this.logger.error({
      msg: 'Unhandled error',
      err: error instanceof Error ? error.stack : String(error),
    });
    return [500, { detail: 'Internal server error' }, {}];
  }
}

function toBody(response: string | object, fallback: string): ErrorBody {
  if (typeof response === 'string') return { detail: response };
  const body = response as Record<string, unknown>;
  if (typeof body.detail === 'string') return body as ErrorBody;
  if (body.status === 'error' && typeof body.error === 'object' && body.error !== null) {
    // A failed readiness check: keep terminus' report, led by a one-line summary.
    const down = Object.keys(body.error).join(', ');
    return { detail: `Not ready: ${down} down`, ...body };
  }
  const message = body.message;
  if (Array.isArray(message)) return { detail: message.join('; ') };
  return { detail: typeof message === 'string' ? message : fallback };
}
