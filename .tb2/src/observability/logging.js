"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.loggingParams = loggingParams;
exports.logRequests = logRequests;
exports.redactUrl = redactUrl;
const common_1 = require("@nestjs/common");
const nestjs_pino_1 = require("nestjs-pino");
const pino_pretty_1 = __importDefault(require("pino-pretty"));
const NEST_INVENTORY = /"context":"(InstanceLoader|RoutesResolver|RouterExplorer)"/;
function prettyLines() {
    const stream = (0, pino_pretty_1.default)({
        sync: true,
        singleLine: true,
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname,context',
        messageFormat: '{if context}{context}: {end}{msg}',
    });
    return {
        write: (line) => {
            if (!NEST_INVENTORY.test(line))
                stream.write(line);
        },
    };
}
function loggingParams(config) {
    const options = {
        quietReqLogger: true,
        level: config.logLevel,
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
function logRequests(app) {
    app.useLogger(app.get(nestjs_pino_1.Logger));
    const logger = new common_1.Logger('HTTP');
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
        if (status >= 500)
            logger.error(line);
        else if (status >= 400)
            logger.warn(line);
        else
            logger.log(line);
        done();
    });
}
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
const API_KEY_VALUE = /^tok_/i;
function redactUrl(url) {
    const start = url.indexOf('?');
    if (start === -1)
        return url;
    const query = url
        .slice(start + 1)
        .split('&')
        .map((pair) => {
        const eq = pair.indexOf('=');
        if (eq === -1)
            return pair;
        const name = safeDecode(pair.slice(0, eq)).toLowerCase();
        const value = safeDecode(pair.slice(eq + 1));
        const secret = SECRET_PARAMETERS.has(name) || API_KEY_VALUE.test(value);
        return secret ? `${pair.slice(0, eq)}=[redacted]` : pair;
    })
        .join('&');
    return `${url.slice(0, start)}?${query}`;
}
function safeDecode(text) {
    try {
        return decodeURIComponent(text.replace(/\+/g, ' '));
    }
    catch {
        return text;
    }
}
//# sourceMappingURL=logging.js.map