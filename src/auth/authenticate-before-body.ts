import { HttpException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QUEUE_DASHBOARD_PATH } from '../admin/queue-dashboard';
import { EMBEDDED_SERVICES_PATH } from '../embedded-services/embedded-services.controller';
import { embeddedServicesRefusal } from '../embedded-services/loopback-only.guard';
import { AuthenticatedRequest, Authenticator } from './api-key.guard';

/**
 * Checks who is calling before a request's body is read, so that a client without a valid
 * key can neither hold a connection by sending a body slowly nor make the server parse
 * one. The embedded services take no key: their from-this-host check runs here instead.
 * The queue dashboard has its own hook; requests without a body are left to ApiKeyGuard,
 * which reuses the principal found here.
 */
export function authenticateBeforeBody(app: NestFastifyApplication): void {
  const authenticator = app.get(Authenticator);
  const embeddedPrefix = `/${EMBEDDED_SERVICES_PATH}/`;
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request: AuthenticatedRequest, reply: FastifyReply) => {
      if (!carriesBody(request)) return;
      const path = request.url.split('?', 1)[0];
      if (path.startsWith(QUEUE_DASHBOARD_PATH)) return;
      if (path.startsWith(embeddedPrefix)) {
        const refusal = embeddedServicesRefusal(request);
        if (refusal !== undefined) await refuse(reply, 403, refusal);
        return;
      }
      try {
        request.principal = await authenticator.authenticate(request);
      } catch (error) {
        if (error instanceof HttpException) {
          const body = error.getResponse() as { detail?: string };
          await refuse(reply, error.getStatus(), body.detail ?? error.message);
        } else {
          await refuse(reply, 503, 'Cannot check the API key right now', { 'retry-after': '5' });
        }
      }
    });
}

/** A body follows the headers: a non-zero Content-Length, or chunked transfer encoding. */
function carriesBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (
    request.headers['transfer-encoding'] !== undefined ||
    (length !== undefined && length.trim() !== '0')
  );
}

/** Answers now and closes: the unread body is not worth the connection. */
async function refuse(
  reply: FastifyReply,
  status: number,
  detail: string,
  headers: Record<string, string> = {},
): Promise<void> {
  await reply
    .code(status)
    .headers({ ...headers, connection: 'close' })
    .send({ detail });
}
