"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InvalidFieldError = exports.BacklogFullError = exports.RateLimitedError = exports.IdempotencyConflictError = exports.JobStateConflictError = exports.JobNotFoundError = void 0;
class JobNotFoundError extends Error {
    constructor() {
        super('Job not found');
    }
}
exports.JobNotFoundError = JobNotFoundError;
class JobStateConflictError extends Error {
    status;
    constructor(status, action) {
        super(`Job is ${status}; only ${action}`);
        this.status = status;
    }
}
exports.JobStateConflictError = JobStateConflictError;
class IdempotencyConflictError extends Error {
    jobId;
    constructor(jobId) {
        super('Idempotency-Key was already used with a different request body');
        this.jobId = jobId;
    }
}
exports.IdempotencyConflictError = IdempotencyConflictError;
class RateLimitedError extends Error {
    retryAfterSeconds;
    constructor(retryAfterSeconds, message = 'Too many jobs created or retried with this API key; slow down') {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }
}
exports.RateLimitedError = RateLimitedError;
class BacklogFullError extends RateLimitedError {
    backlog;
    estimatedWaitSeconds;
    constructor(backlog, estimatedWaitSeconds) {
        super(Math.max(1, estimatedWaitSeconds), `This API key has ${backlog} unfinished jobs, the most one owner may have waiting; wait for some to finish (about ${estimatedWaitSeconds} s) or cancel some`);
        this.backlog = backlog;
        this.estimatedWaitSeconds = estimatedWaitSeconds;
    }
}
exports.BacklogFullError = BacklogFullError;
class InvalidFieldError extends Error {
    field;
    constructor(field, message) {
        super(message);
        this.field = field;
    }
}
exports.InvalidFieldError = InvalidFieldError;
//# sourceMappingURL=jobs.errors.js.map