"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const retry_policy_1 = require("./retry-policy");
const policy = { timeoutMs: 1000, attempts: 4, baseDelayMs: 1000 };
(0, node_test_1.describe)('retryDelayMs', () => {
    (0, node_test_1.it)('doubles per attempt, with jitter between half and all of it', () => {
        strict_1.default.equal((0, retry_policy_1.retryDelayMs)(policy, 1, undefined, () => 0), 500);
        strict_1.default.equal((0, retry_policy_1.retryDelayMs)(policy, 1, undefined, () => 1), 1000);
        strict_1.default.equal((0, retry_policy_1.retryDelayMs)(policy, 3, undefined, () => 1), 4000);
        strict_1.default.equal((0, retry_policy_1.retryDelayMs)(policy, 3, undefined, () => 0), 2000);
    });
    (0, node_test_1.it)('honours a longer Retry-After', () => {
        strict_1.default.equal((0, retry_policy_1.retryDelayMs)(policy, 1, 7000, () => 1), 7000);
        strict_1.default.equal((0, retry_policy_1.retryDelayMs)(policy, 3, 10, () => 1), 4000);
    });
    (0, node_test_1.it)('is zero when the base delay is overridden to zero', () => {
        strict_1.default.equal((0, retry_policy_1.retryDelayMs)({ ...policy, baseDelayMs: 0 }, 5, undefined, () => 1), 0);
    });
});
(0, node_test_1.describe)('pipelineBackoff', () => {
    (0, node_test_1.it)('takes the delay from a RetryLaterError and backs off other errors', () => {
        strict_1.default.equal((0, retry_policy_1.pipelineBackoff)(1, new retry_policy_1.RetryLaterError(1234, 'x')), 1234);
        strict_1.default.equal((0, retry_policy_1.pipelineBackoff)(1, new Error('db down')), 500);
        strict_1.default.equal((0, retry_policy_1.pipelineBackoff)(20, new Error('db down')), 30_000);
    });
});
//# sourceMappingURL=retry-policy.spec.js.map