import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HostAllowList } from './allowed-hosts';
import { rememberLinkOrigin } from './request-origin';

/**
 * Probes that may come by any name: an orchestrator's health check often addresses the
 * container by its IP. They answer a status and no link, so a rebound page learns nothing.
 */
const ANY_HOST_PATHS = new Set(['/health/live', '/health/ready']);

/**
 * Refuses, with 421, a request whose `Host` is not one this server answers to (see
 * HostAllowList), before anything else looks at it: no key check, no body, no link built
 * from a name an attacker chose. The link origin of every request that passes is kept for
 * requestOrigin: PUBLIC_BASE_URL when set, else the scheme and the allowed `Host`.
 */
export function checkHostHeader(
  app: NestFastifyApplication,
  allowed: HostAllowList,
  publicBaseUrl: string | undefined,
): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const host = allowed.accepted(request.headers.host);
      if (host !== undefined) {
        const port = host.port === undefined ? '' : `:${host.port}`;
        rememberLinkOrigin(request, publicBaseUrl ?? `${request.protocol}://${host.name}${port}`);
        return;
      }
      const path = request.url.split('?', 1)[0];
      if ((request.method === 'GET' || request.method === 'HEAD') && ANY_HOST_PATHS.has(path))
        return;
      // 421 tells the client to try another connection; this one may hold an unread body.
      await reply
        .code(421)
        .header('connection', 'close')
        .send({ detail: refusal(request.headers.host) });
    });
}

function refusal(host: string | undefined): string {
  if (host === undefined || host.trim() === '')
    return 'Misdirected request: the Host header is missing';
  const shown = host.length > 100 ? `${host.slice(0, 100)}...` : host;
  return `Misdirected request: this server does not answer to the host "${shown}"; add it to ALLOWED_HOSTS if it is this server's name`;
}
