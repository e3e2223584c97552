// The typed API client, generated from openapi.json: components call it, never fetch().
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './openapi.gen';
import { ApiProblem, problemOf } from './problem';
import { apiBaseUrl, storedKey } from './settings';

export type Schemas = components['schemas'];
export type Job = Schemas['JobResponseDto'];
export type JobSummary = Schemas['JobSummaryDto'];
export type JobStep = Schemas['JobStepDto'];
export type JobStatus = Job['status'];
export type JobEvent = Schemas['JobEventMessageDto'];
export type Artifact = Schemas['ArtifactDto'];

export const FINISHED: readonly string[] = ['SUCCESS', 'FAILURE', 'CANCELLED'];

/** Told of every 401, so the page can ask for a key. */
type UnauthorizedListener = (problem: ApiProblem) => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function reportProblem(problem: ApiProblem): void {
  if (problem.status === 401) for (const listener of unauthorizedListeners) listener(problem);
}

/** Every request carries this tab's key, in a header (never in the URL). */
const withKey: Middleware = {
  onRequest({ request }) {
    const key = storedKey();
    if (key !== undefined) request.headers.set('Authorization', `Bearer ${key}`);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: apiBaseUrl() });
api.use(withKey);

/** The data of a successful answer, or the ApiProblem of a failed one (a 401 is reported). */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let outcome: { data?: T; error?: unknown; response: Response };
  try {
    outcome = await call;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw problemOf(undefined, undefined);
  }
  if (outcome.response.ok) return outcome.data as T;
  const problem = problemOf(outcome.response, outcome.error);
  reportProblem(problem);
  throw problem;
}

/** A random Idempotency-Key (crypto.randomUUID needs a secure context; this does not). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
