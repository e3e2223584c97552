"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.HttpExceptionFilter = void 0;
exports.isDatabaseUnavailable = isDatabaseUnavailable;
const common_1 = require("@nestjs/common");
const jobs_errors_1 = require("../jobs/jobs.errors");
const DB_UNAVAILABLE_CODES = new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EPIPE',
    '57P01',
    '57P02',
    '57P03',
]);
const DB_UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Connection ended|the database system is (starting up|shutting down)/i;
function isDatabaseUnavailable(error) {
    if (!(error instanceof Error))
        return false;
    const code = error.code;
    if (typeof code === 'string' && (DB_UNAVAILABLE_CODES.has(code) || code.startsWith('08')))
        return true;
    const driverError = error.driverError;
    if (driverError && driverError !== error && isDatabaseUnavailable(driverError))
        return true;
    return DB_UNAVAILABLE_MESSAGES.test(error.message);
}
let HttpExceptionFilter = class HttpExceptionFilter {
    logger = new common_1.Logger('HttpError');
    catch(error, host) {
        const reply = host.switchToHttp().getResponse();
        const [status, body, headers] = this.map(error);
        for (const [name, value] of Object.entries(headers))
            void reply.header(name, value);
        void reply.status(status).send(body);
    }
    map(error) {
        if (error instanceof jobs_errors_1.JobNotFoundError)
            return [404, { detail: error.message }, {}];
        if (error instanceof jobs_errors_1.JobStateConflictError)
            return [409, { detail: error.message, status: error.status }, {}];
        if (error instanceof jobs_errors_1.IdempotencyConflictError)
            return [422, { detail: error.message, job_id: error.jobId }, {}];
        if (error instanceof jobs_errors_1.InvalidFieldError)
            return [
                400,
                { detail: error.message, errors: [{ field: error.field, message: error.message }] },
                {},
            ];
        if (error instanceof jobs_errors_1.BacklogFullError) {
            return [
                429,
                { detail: error.message, estimated_wait_seconds: error.estimatedWaitSeconds },
                { 'retry-after': String(error.retryAfterSeconds) },
            ];
        }
        if (error instanceof jobs_errors_1.RateLimitedError) {
            return [429, { detail: error.message }, { 'retry-after': String(error.retryAfterSeconds) }];
        }
        if (error instanceof common_1.HttpException)
            return [error.getStatus(), toBody(error.getResponse(), error.message), {}];
        const status = error.statusCode;
        if (typeof status === 'number' && status >= 400 && status < 500) {
            return [status, { detail: error.message }, {}];
        }
        if (isDatabaseUnavailable(error)) {
            this.logger.warn({ msg: 'Database unavailable', err: String(error) });
            return [503, { detail: 'Database unavailable; try again shortly' }, { 'retry-after': '5' }];
        }
        this.logger.error({
            msg: 'Unhandled error',
            err: error instanceof Error ? error.stack : String(error),
        });
        return [500, { detail: 'Internal server error' }, {}];
    }
};
exports.HttpExceptionFilter = HttpExceptionFilter;
exports.HttpExceptionFilter = HttpExceptionFilter = __decorate([
    (0, common_1.Catch)()
], HttpExceptionFilter);
function toBody(response, fallback) {
    if (typeof response === 'string')
        return { detail: response };
    const body = response;
    if (typeof body.detail === 'string')
        return body;
    if (body.status === 'error' && typeof body.error === 'object' && body.error !== null) {
        const down = Object.keys(body.error).join(', ');
        return { detail: `Not ready: ${down} down`, ...body };
    }
    const message = body.message;
    if (Array.isArray(message))
        return { detail: message.join('; ') };
    return { detail: typeof message === 'string' ? message : fallback };
}
//# sourceMappingURL=http-exception.filter.js.map