"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CallAbortedError = exports.PermanentServiceError = exports.TransientServiceError = exports.ServiceError = void 0;
class ServiceError extends Error {
    service;
    statusCode;
    body;
    constructor(service, message, statusCode, body) {
        super(message);
        this.service = service;
        this.statusCode = statusCode;
        this.body = body;
        this.name = new.target.name;
    }
}
exports.ServiceError = ServiceError;
class TransientServiceError extends ServiceError {
    retryAfterMs;
    transient = true;
    constructor(service, message, statusCode, body, retryAfterMs) {
        super(service, message, statusCode, body);
        this.retryAfterMs = retryAfterMs;
    }
}
exports.TransientServiceError = TransientServiceError;
class PermanentServiceError extends ServiceError {
    transient = false;
}
exports.PermanentServiceError = PermanentServiceError;
class CallAbortedError extends Error {
    reason;
    constructor(reason) {
        super(reason === 'cancelled' ? 'Cancelled by request' : 'Interrupted by worker shutdown');
        this.reason = reason;
        this.name = 'CallAbortedError';
    }
}
exports.CallAbortedError = CallAbortedError;
//# sourceMappingURL=service-errors.js.map