import { Logger as NestLogger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger, Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

/**
 * JSON lines through pino, for everything Nest and the code log (job_id, step, ...).
 * Credentials never reach the log.
 */
export function loggingParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      // Lines logged while serving a request carry its id, not the whole request.
      quietReqLogger: true,
      level: config.logLevel,
      // Requests are logged once, by `logRequests` below, with the route and request id.
      autoLogging: false,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers["x-api-key"]',
          'req.headers.cookie',
          '*.secret',
          '*.key_hash',
        ],
        censor: '[redacted]',
      },
    },
  };
}

/**
 * One line per request: method, route pattern, URL, status, duration and the request id
 * (the caller's `X-Request-Id`, or one Fastify made), which is echoed on the response.
 */
export function logRequests(app: NestFastifyApplication): void {
  app.useLogger(app.get(Logger));
  const logger = new NestLogger('HTTP');
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const entry = {
      request_id: request.id,
      method: request.method,
      route: request.routeOptions.url ?? null,
      url: request.url,
      status_code: status,
      duration_ms: Math.round(reply.elapsedTime * 100) / 100,
    };
    const line = { ...entry, msg: `${request.method} ${request.url} ${status}` };
    if (status >= 500) logger.error(line);
    else if (status >= 400) logger.warn(line);
    else logger.log(line);
    done();
  });
}
