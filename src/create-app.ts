import multipart from '@fastify/multipart';
import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { mountQueueDashboard } from './admin/queue-dashboard';
import { AppModule } from './app.module';
import { addKeySchemes, documentKeyRequirement, operationId } from './auth/openapi-security';
import { authenticateBeforeBody } from './auth/authenticate-before-body';
import { AppConfig } from './config/app-config';
import { runMigrationsLocked } from './database/run-migrations';
import { limitConnections } from './http/connection-limits';
import { checkHostHeader } from './http/host-check';
import { HttpExceptionFilter } from './http/http-exception.filter';
import { useJsonBodyParser } from './http/json-body-parser';
import { keepAuthenticatedAnswersPrivate } from './http/private-answers';
import { helmetHeaders } from './http/security-headers';
import { createValidationPipe } from './http/validation';
import { ServiceEndpoints } from './clients/service-endpoints';
import { logRequests } from './observability/logging';
import { mountStudio } from './studio/studio-routes';
import { Metrics } from './observability/metrics';

/** Request bodies above this are refused with 413. */
export const BODY_LIMIT_BYTES = 64 * 1024;
/** Uploads to the embedded style-analysis service may be larger than JSON bodies. */
const UPLOAD_LIMIT_BYTES = 100 * 1024 * 1024;
const EXAMPLE_JOB_ID = '5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10';

/**
 * Request headers a browser page may send and response headers it may read: keys,
 * idempotency, SSE resumption, and what `<audio>` seeking and caching use.
 */
const CORS_ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'x-api-key',
  'idempotency-key',
  'last-event-id',
  'range',
  'if-range',
  'if-none-match',
];
const CORS_EXPOSED_HEADERS = [
  'content-range',
  'accept-ranges',
  'etag',
  'content-length',
  'x-request-id',
  'retry-after',
];

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = addKeySchemes(
    new DocumentBuilder()
      .setTitle('Track orchestrator')
      .setDescription(
        'Turns a text prompt (and optionally a reference track) into a mastered track by driving the prompt parser, style analysis, sound generation and mixing services. Create a job, then poll it.',
      )
      .setVersion('1.0.0'),
  ).build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: operationId });
  return documentJobIdParameters(documentKeyRequirement(document, app));
}

/** Every `{job_id}` in a path is a job's UUID: said once here rather than on each route. */
function documentJobIdParameters(document: OpenAPIObject): OpenAPIObject {
  for (const pathItem of Object.values(document.paths)) {
    for (const operation of Object.values(pathItem) as { parameters?: unknown[] }[]) {
      for (const parameter of operation.parameters ?? []) {
        const p = parameter as { in?: string; name?: string; [key: string]: unknown };
        if (p.in !== 'path' || p.name !== 'job_id') continue;
        p.description ??= 'The job id returned by POST /create-track.';
        p.schema = { type: 'string', format: 'uuid', example: EXAMPLE_JOB_ID };
      }
    }
  }
  return document;
}

/** Builds the application (used by `main.ts` and the tests): migrations first, then the server. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: config.requestTimeoutMs,
    trustProxy: false,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
  });
  logRequests(app);
  limitConnections(app.getHttpServer(), config);
  useJsonBodyParser(app, BODY_LIMIT_BYTES);
  await runMigrationsLocked(app.get<DataSource>(getDataSourceToken()));
  // Swagger UI needs inline scripts; the JSON API has nothing a CSP would protect.
  const securityHeaders = helmetHeaders({
    contentSecurityPolicy: false,
    crossOriginResourcePolicy: false,
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      void reply.headers(securityHeaders);
      done();
    });
  checkHostHeader(app, config.allowedHosts, config.publicBaseUrl);
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'DELETE'],
      allowedHeaders: CORS_ALLOWED_HEADERS,
      exposedHeaders: CORS_EXPOSED_HEADERS,
      maxAge: 600,
    });
  }
  authenticateBeforeBody(app);
  keepAuthenticatedAnswersPrivate(app);
  await app.register(multipart, { limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1 } });
  if (config.runsApi) await mountQueueDashboard(app);
  if (config.runsApi) await mountStudio(app);
  recordHttpDurations(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  // The public API's documents, where the public API is served.
  if (config.runsApi)
    SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
      jsonDocumentUrl: 'docs-json',
      // A key entered under "Authorize" survives a page reload.
      swaggerOptions: { persistAuthorization: true },
    });
  return app;
}

/** Starts listening and points the embedded services' clients at the bound address. */
export async function listen(app: NestFastifyApplication, config: AppConfig): Promise<string> {
  if (config.runsWorker) {
    // A worker refuses to start with a step whose service it could not call.
    await app.init();
    const server = app.getHttpAdapter().getInstance();
    app
      .get(ServiceEndpoints)
      .checkEveryServiceReachable((url) => server.hasRoute({ method: 'POST', url }));
  }
  await app.listen({ port: config.port, host: config.host });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (config.runsWorker) app.get(ServiceEndpoints).setSelfBaseUrl(url);
  new Logger('Bootstrap').log({
    msg: `Listening on ${url}`,
    role: config.role,
    api: config.runsApi ? url : null,
    ...(config.runsApi ? { docs: `${url}/docs` } : {}),
  });
  return url;
}

/** One histogram observation per response, labelled by route pattern (never the raw URL). */
function recordHttpDurations(app: NestFastifyApplication): void {
  const histogram = app.get(Metrics).httpDuration;
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      histogram.observe(
        { method: request.method, route, status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
      done();
    });
}
