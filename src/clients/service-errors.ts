/** Base of every error a downstream call can end in; carries who failed and how. */
export abstract class ServiceError extends Error {
  abstract readonly transient: boolean;

  constructor(
    readonly service: string,
    message: string,
    readonly statusCode?: number,
    readonly body?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Worth retrying: timeout, connection error, 429, 5xx. */
export class TransientServiceError extends ServiceError {
  readonly transient = true;

  constructor(
    service: string,
    message: string,
    statusCode?: number,
    body?: string,
    /** From `Retry-After`, when the service sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(service, message, statusCode, body);
  }
}

/** Retrying cannot help: other 4xx, malformed response, unusable input. */
export class PermanentServiceError extends ServiceError {
  readonly transient = false;
}

export type AbortCause = 'cancelled' | 'shutdown';

/** The call was stopped on purpose (cancel request or worker shutdown), not by the service. */
export class CallAbortedError extends Error {
  constructor(readonly reason: AbortCause) {
    super(reason === 'cancelled' ? 'Cancelled by request' : 'Interrupted by worker shutdown');
    this.name = 'CallAbortedError';
  }
}
