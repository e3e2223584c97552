// An API error as the page shows it: the server's own `detail`, and what to do about it.

export interface FieldProblem {
  field: string;
  message: string;
}

/** A 4xx/5xx answer (or no answer) from the API. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly fields: FieldProblem[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }

  /** The problem of one field, by the server's `errors[]` or a `detail` that names it. */
  forField(field: string): string | undefined {
    const named = this.fields.find((f) => f.field === field || f.field.startsWith(`${field}.`));
    if (named) return named.message;
    if (this.status === 400 && this.fields.length === 0 && this.detail.includes(field))
      return this.detail;
    return undefined;
  }

  /** What the person can do next, for answers that are about access rather than input. */
  get advice(): string | undefined {
    switch (this.status) {
      case 0:
        return 'The server did not answer. Check that it is running, then try again.';
      case 401:
        return 'Enter a valid API key for this server (an operator creates one with npm run apikey -- create).';
      case 403:
        return 'This key or link may not do that: use a key that owns the job, or reload the page for a fresh link.';
      case 429:
        return this.retryAfterSeconds !== undefined
          ? `Too many requests for this key: try again in ${this.retryAfterSeconds} s.`
          : 'Too many requests for this key: wait a little and try again.';
      case 503:
        return 'The server is busy or one of its parts is down: try again shortly.';
      default:
        return undefined;
    }
  }
}

interface ErrorBody {
  detail?: unknown;
  errors?: unknown;
}

/** Builds the problem from an answer that was not a success. */
export function problemOf(response: Response | undefined, body: unknown): ApiProblem {
  if (response === undefined) return new ApiProblem(0, 'No answer from the server.');
  const { detail, errors } = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;
  const retryAfter = Number(response.headers.get('retry-after'));
  const fields = Array.isArray(errors)
    ? errors.filter(
        (e): e is FieldProblem =>
          typeof e === 'object' &&
          e !== null &&
          typeof (e as FieldProblem).field === 'string' &&
          typeof (e as FieldProblem).message === 'string',
      )
    : [];
  return new ApiProblem(
    response.status,
    typeof detail === 'string' ? detail : `The server answered ${response.status}.`,
    fields,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}
