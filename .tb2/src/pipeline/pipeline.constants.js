"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UNEXPECTED_ERROR_RETRY_MS = exports.UNEXPECTED_ERROR_RUNS = exports.BULL_ATTEMPTS = exports.PIPELINE_BACKOFF = exports.PIPELINE_QUEUE = void 0;
exports.PIPELINE_QUEUE = 'pipeline';
exports.PIPELINE_BACKOFF = 'pipeline';
exports.BULL_ATTEMPTS = 10_000;
exports.UNEXPECTED_ERROR_RUNS = 3;
exports.UNEXPECTED_ERROR_RETRY_MS = 1_000;
//# sourceMappingURL=pipeline.constants.js.map