"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const logging_1 = require("./logging");
(0, node_test_1.describe)('redactUrl', () => {
    (0, node_test_1.it)('hides the signature of a download link and keeps the rest', () => {
        strict_1.default.equal((0, logging_1.redactUrl)('/artifacts/output/a.wav?expires=1795010400&signature=pQ2lq7WkZr0'), '/artifacts/output/a.wav?expires=1795010400&signature=[redacted]');
        strict_1.default.equal((0, logging_1.redactUrl)('/artifacts/a.wav?sig=abc'), '/artifacts/a.wav?sig=[redacted]');
    });
    (0, node_test_1.it)('hides keys sent in a query string, by name or by their look', () => {
        strict_1.default.equal((0, logging_1.redactUrl)('/jobs?api_key=tok_abc&limit=5'), '/jobs?api_key=[redacted]&limit=5');
        strict_1.default.equal((0, logging_1.redactUrl)('/jobs?X-API-Key=whatever'), '/jobs?X-API-Key=[redacted]');
        strict_1.default.equal((0, logging_1.redactUrl)('/jobs?q=tok_abc'), '/jobs?q=[redacted]');
        strict_1.default.equal((0, logging_1.redactUrl)('/jobs?q=tok%5Fabc'), '/jobs?q=[redacted]');
    });
    (0, node_test_1.it)('leaves URLs without secrets as they were, malformed escapes included', () => {
        for (const url of ['/jobs', '/jobs?q=lo-fi&limit=5', '/jobs?q=100%', '/jobs?flag']) {
            strict_1.default.equal((0, logging_1.redactUrl)(url), url);
        }
    });
});
//# sourceMappingURL=redact-url.spec.js.map