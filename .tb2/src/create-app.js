"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.BODY_LIMIT_BYTES = void 0;
exports.buildOpenApiDocument = buildOpenApiDocument;
exports.createApp = createApp;
exports.listen = listen;
const multipart_1 = __importDefault(require("@fastify/multipart"));
const node_crypto_1 = require("node:crypto");
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const platform_fastify_1 = require("@nestjs/platform-fastify");
const swagger_1 = require("@nestjs/swagger");
const typeorm_1 = require("@nestjs/typeorm");
const queue_dashboard_1 = require("./admin/queue-dashboard");
const app_module_1 = require("./app.module");
const openapi_security_1 = require("./auth/openapi-security");
const authenticate_before_body_1 = require("./auth/authenticate-before-body");
const run_migrations_1 = require("./database/run-migrations");
const connection_limits_1 = require("./http/connection-limits");
const host_check_1 = require("./http/host-check");
const http_exception_filter_1 = require("./http/http-exception.filter");
const json_body_parser_1 = require("./http/json-body-parser");
const private_answers_1 = require("./http/private-answers");
const security_headers_1 = require("./http/security-headers");
const validation_1 = require("./http/validation");
const service_endpoints_1 = require("./clients/service-endpoints");
const logging_1 = require("./observability/logging");
const studio_routes_1 = require("./studio/studio-routes");
const metrics_1 = require("./observability/metrics");
exports.BODY_LIMIT_BYTES = 64 * 1024;
const UPLOAD_LIMIT_BYTES = 100 * 1024 * 1024;
const EXAMPLE_JOB_ID = '5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10';
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
function buildOpenApiDocument(app) {
    const config = (0, openapi_security_1.addKeySchemes)(new swagger_1.DocumentBuilder()
        .setTitle('Track orchestrator')
        .setDescription('Turns a text prompt (and optionally a reference track) into a mastered track by driving the prompt parser, style analysis, sound generation and mixing services. Create a job, then poll it.')
        .setVersion('1.0.0')).build();
    const document = swagger_1.SwaggerModule.createDocument(app, config, { operationIdFactory: openapi_security_1.operationId });
    return documentJobIdParameters((0, openapi_security_1.documentKeyRequirement)(document, app));
}
function documentJobIdParameters(document) {
    for (const pathItem of Object.values(document.paths)) {
        for (const operation of Object.values(pathItem)) {
            for (const parameter of operation.parameters ?? []) {
                const p = parameter;
                if (p.in !== 'path' || p.name !== 'job_id')
                    continue;
                p.description ??= 'The job id returned by POST /create-track.';
                p.schema = { type: 'string', format: 'uuid', example: EXAMPLE_JOB_ID };
            }
        }
    }
    return document;
}
async function createApp(config) {
    const adapter = new platform_fastify_1.FastifyAdapter({
        bodyLimit: exports.BODY_LIMIT_BYTES,
        requestTimeout: config.requestTimeoutMs,
        trustProxy: false,
        requestIdHeader: 'x-request-id',
        genReqId: () => (0, node_crypto_1.randomUUID)(),
    });
    const app = await core_1.NestFactory.create(app_module_1.AppModule.forRoot(config), adapter, {
        bufferLogs: true,
    });
    (0, logging_1.logRequests)(app);
    (0, connection_limits_1.limitConnections)(app.getHttpServer(), config);
    (0, json_body_parser_1.useJsonBodyParser)(app, exports.BODY_LIMIT_BYTES);
    await (0, run_migrations_1.runMigrationsLocked)(app.get((0, typeorm_1.getDataSourceToken)()));
    const securityHeaders = (0, security_headers_1.helmetHeaders)({
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
    (0, host_check_1.checkHostHeader)(app, config.allowedHosts, config.publicBaseUrl);
    if (config.corsOrigins.length > 0) {
        app.enableCors({
            origin: config.corsOrigins,
            methods: ['GET', 'HEAD', 'POST', 'DELETE'],
            allowedHeaders: CORS_ALLOWED_HEADERS,
            exposedHeaders: CORS_EXPOSED_HEADERS,
            maxAge: 600,
        });
    }
    (0, authenticate_before_body_1.authenticateBeforeBody)(app);
    (0, private_answers_1.keepAuthenticatedAnswersPrivate)(app);
    await app.register(multipart_1.default, { limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1 } });
    if (config.runsApi)
        await (0, queue_dashboard_1.mountQueueDashboard)(app);
    if (config.runsApi)
        await (0, studio_routes_1.mountStudio)(app);
    recordHttpDurations(app);
    app.useGlobalPipes((0, validation_1.createValidationPipe)());
    app.useGlobalFilters(new http_exception_filter_1.HttpExceptionFilter());
    if (config.runsApi)
        swagger_1.SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
            jsonDocumentUrl: 'docs-json',
            swaggerOptions: { persistAuthorization: true },
        });
    return app;
}
async function listen(app, config) {
    if (config.runsWorker) {
        await app.init();
        const server = app.getHttpAdapter().getInstance();
        app
            .get(service_endpoints_1.ServiceEndpoints)
            .checkEveryServiceReachable((url) => server.hasRoute({ method: 'POST', url }));
    }
    await app.listen({ port: config.port, host: config.host });
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    if (config.runsWorker)
        app.get(service_endpoints_1.ServiceEndpoints).setSelfBaseUrl(url);
    new common_1.Logger('Bootstrap').log({
        msg: `Listening on ${url}`,
        role: config.role,
        api: config.runsApi ? url : null,
        ...(config.runsApi ? { docs: `${url}/docs` } : {}),
    });
    return url;
}
function recordHttpDurations(app) {
    const histogram = app.get(metrics_1.Metrics).httpDuration;
    app
        .getHttpAdapter()
        .getInstance()
        .addHook('onResponse', (request, reply, done) => {
        const route = request.routeOptions.url ?? 'unmatched';
        histogram.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
        done();
    });
}
//# sourceMappingURL=create-app.js.map