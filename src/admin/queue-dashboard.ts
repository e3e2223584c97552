import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bull';
import { HttpException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bull';
import type { FastifyInstance } from 'fastify';
import { Authenticator } from '../auth/api-key.guard';
import { AppConfig } from '../config/app-config';
import { PIPELINE_QUEUE } from '../pipeline/pipeline.constants';
import { crossSiteRefusal } from './same-origin';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Mounts Bull Board at `/admin/queues` for admin keys only. A browser sends the key as the
 * password of HTTP Basic auth (any user name), so the page answers 401 with a Basic
 * challenge; `Authorization: Bearer` and `X-API-Key` work as everywhere else. Because the
 * browser sends Basic credentials along with any page's request, a change (a non-GET) from
 * a page of another origin is refused with 403 before the key is looked at.
 */
export async function mountQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: [new BullAdapter(app.get<Queue>(getQueueToken(PIPELINE_QUEUE)))],
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Track pipeline' } },
  });
  const authenticator = app.get(Authenticator);
  const { publicBaseUrl } = app.get(AppConfig);
  // An encapsulated scope: the hook guards the dashboard's routes and nothing else.
  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', async (request, reply) => {
      const crossSite = crossSiteRefusal(request, publicBaseUrl);
      if (crossSite !== undefined) {
        // Closed: the body of a forged form is not worth reading.
        await reply.code(403).header('connection', 'close').send({ detail: crossSite });
        return;
      }
      try {
        const principal = await authenticator.authenticate(request);
        if (principal.isAdmin) return;
        await reply.code(403).send({ detail: 'The queue dashboard needs an admin API key' });
      } catch (error) {
        const status = error instanceof HttpException ? error.getStatus() : 503;
        const detail =
          error instanceof HttpException
            ? (error.getResponse() as { detail?: string }).detail
            : 'Cannot check the API key right now';
        if (status === 401)
          void reply.header('www-authenticate', 'Basic realm="Queue dashboard", charset="UTF-8"');
        await reply.code(status).send({ detail });
      }
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
  });
}
