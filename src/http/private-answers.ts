import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AuthenticatedRequest } from '../auth/api-key.guard';

/** The request headers a key travels in: an answer for one key is not an answer for another. */
const KEY_HEADERS = ['Authorization', 'X-API-Key'];

/**
 * Answers given to an authenticated caller (a key, or a loopback client when no key
 * exists) are theirs alone: jobs, lists with signed download links, downloads by key. No
 * cache may keep them, and a cache that sees one must know it varies with the key.
 * Public answers (health, docs, signed-link downloads) keep their own caching.
 */
export function keepAuthenticatedAnswersPrivate(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (request: AuthenticatedRequest, reply, payload, done) => {
      if (request.principal !== undefined) {
        void reply.header('cache-control', 'private, no-store');
        const vary = reply.getHeader('vary');
        const existing =
          vary === undefined
            ? []
            : String(vary)
                .split(',')
                .map((v) => v.trim());
        const missing = KEY_HEADERS.filter(
          (name) => !existing.some((v) => v.toLowerCase() === name.toLowerCase()),
        );
        if (missing.length > 0) void reply.header('vary', [...existing, ...missing].join(', '));
      }
      done(null, payload);
    });
}
