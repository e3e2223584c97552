import { Logger as NestLogger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger, Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import pretty from 'pino-pretty';
import type { AppConfig } from '../config/app-config';

/** Nest's start-up inventory (every module and route): a line each, no news to a person. */
const NEST_INVENTORY = /"context":"(InstanceLoader|RoutesResolver|RouterExplorer)"/;

/**
 * One line per event, at a terminal: time, level, context and message, then the event's
 * fields (job_id, step, ...) as JSON on the same line. Written synchronously, so a crash
 * loses nothing and the lines keep their order with what `main` prints. Nest's inventory
 * of modules and routes is left to the JSON format.
 */
function prettyLines(): DestinationStream {
  const stream = pretty({
    sync: true,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context',
    messageFormat: '{if context}{context}: {end}{msg}',
  });
  return {
    write: (line: string) => {
      if (!NEST_INVENTORY.test(line)) stream.write(line);
    },
  };
}

/**
 * Lines through pino for everything Nest and the code log (job_id, step, ...): JSON, or
 * readable ones with LOG_FORMAT=pretty (the default on a terminal). Credentials never
 * reach the log.
 */
export function loggingParams(config: AppConfig): Params {
  const options: Options = {
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
  };
  return { pinoHttp: config.logFormat === 'pretty' ? [options, prettyLines()] : options };
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
      url: redactUrl(request.url),
      status_code: status,
      duration_ms: Math.round(reply.elapsedTime * 100) / 100,
    };
    const line = { ...entry, msg: `${request.method} ${entry.url} ${status}` };
    if (status >= 500) logger.error(line);
    else if (status >= 400) logger.warn(line);
    else logger.log(line);
    done();
  });
}

/**
 * Query parameters whose values are secrets: the signature of a download link (which is
 * as good as the file for its lifetime), and keys sent by mistake in a query string.
 */
const SECRET_PARAMETERS = new Set([
  'signature',
  'sig',
  'api_key',
  'apikey',
  'api-key',
  'x-api-key',
  'key',
  'token',
  'access_token',
]);
/** What an API key looks like, whatever parameter it was sent in. */
const API_KEY_VALUE = /^tok_/i;

/** The URL as logged: the path as sent, secret query values replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return url;
  const query = url
    .slice(start + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return pair;
      const name = safeDecode(pair.slice(0, eq)).toLowerCase();
      const value = safeDecode(pair.slice(eq + 1));
      const secret = SECRET_PARAMETERS.has(name) || API_KEY_VALUE.test(value);
      return secret ? `${pair.slice(0, eq)}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, start)}?${query}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
