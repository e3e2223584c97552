import type { FastifyRequest } from 'fastify';

/** The scheme and host the client used to reach us, for absolute links in responses. */
export function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
