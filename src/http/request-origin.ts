import type { FastifyRequest } from 'fastify';

const linkOrigins = new WeakMap<FastifyRequest, string>();

/** Called by the Host check (checkHostHeader) for every request whose `Host` it accepted. */
export function rememberLinkOrigin(request: FastifyRequest, origin: string): void {
  linkOrigins.set(request, origin);
}

/**
 * The origin absolute links in a response are built on: PUBLIC_BASE_URL when it is set,
 * otherwise the scheme and the `Host` the client used, once that `Host` passed the
 * allow-list. Never a name the client made up: a request that did not pass has no origin.
 */
export function requestOrigin(request: FastifyRequest): string {
  const origin = linkOrigins.get(request);
  if (origin === undefined)
    throw new Error('requestOrigin: the Host check did not run on this request');
  return origin;
}
