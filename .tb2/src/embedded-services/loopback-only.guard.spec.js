"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const common_1 = require("@nestjs/common");
const node_test_1 = require("node:test");
const loopback_only_guard_1 = require("./loopback-only.guard");
(0, node_test_1.describe)('isFromThisHost', () => {
    (0, node_test_1.it)('accepts loopback clients whatever address they reached', () => {
        strict_1.default.equal((0, loopback_only_guard_1.isFromThisHost)('127.0.0.1', '127.0.0.1'), true);
        strict_1.default.equal((0, loopback_only_guard_1.isFromThisHost)('127.0.0.5', '192.0.2.2'), true);
        strict_1.default.equal((0, loopback_only_guard_1.isFromThisHost)('::1', '::1'), true);
        strict_1.default.equal((0, loopback_only_guard_1.isFromThisHost)('::ffff:127.0.0.1', '::ffff:127.0.0.1'), true);
    });
    (0, node_test_1.it)('accepts a call from this host to one of its own non-loopback addresses (HOST=192.0.2.2)', () => {
        strict_1.default.equal((0, loopback_only_guard_1.isFromThisHost)('192.0.2.2', '192.0.2.2'), true);
        strict_1.default.equal((0, loopback_only_guard_1.isFromThisHost)('::ffff:192.0.2.2', '192.0.2.2'), true);
        strict_1.default.equal((0, loopback_only_guard_1.isFromThisHost)('192.0.2.2', '::ffff:192.0.2.2'), true);
        strict_1.default.equal((0, loopback_only_guard_1.isFromThisHost)('FD00::2', 'fd00::2'), true);
    });
    (0, node_test_1.it)('refuses other hosts, and a connection whose addresses are unknown', () => {
        strict_1.default.equal((0, loopback_only_guard_1.isFromThisHost)('192.0.2.7', '192.0.2.2'), false);
        strict_1.default.equal((0, loopback_only_guard_1.isFromThisHost)('::ffff:192.0.2.7', '::ffff:192.0.2.2'), false);
        strict_1.default.equal((0, loopback_only_guard_1.isFromThisHost)('fd00::7', 'fd00::2'), false);
        strict_1.default.equal((0, loopback_only_guard_1.isFromThisHost)('192.0.2.7', undefined), false);
        strict_1.default.equal((0, loopback_only_guard_1.isFromThisHost)(undefined, '192.0.2.2'), false);
    });
});
(0, node_test_1.describe)('LoopbackOnlyGuard', () => {
    const guard = new loopback_only_guard_1.LoopbackOnlyGuard();
    const contextFor = (remoteAddress, localAddress, headers = {}) => ({
        switchToHttp: () => ({
            getRequest: () => ({
                ip: remoteAddress,
                headers,
                raw: { socket: { remoteAddress, localAddress } },
            }),
        }),
    });
    (0, node_test_1.it)('lets this host in and answers 403 to any other', () => {
        strict_1.default.equal(guard.canActivate(contextFor('192.0.2.2', '192.0.2.2')), true);
        strict_1.default.throws(() => guard.canActivate(contextFor('192.0.2.7', '192.0.2.2')), (error) => error instanceof common_1.ForbiddenException && error.getStatus() === 403);
    });
    (0, node_test_1.it)('refuses a loopback connection that forwards for someone else (a reverse proxy)', () => {
        const forwarded = [
            { 'x-forwarded-for': '203.0.113.7' },
            { forwarded: 'for=203.0.113.7' },
            { 'x-real-ip': '203.0.113.7' },
        ];
        for (const headers of forwarded) {
            strict_1.default.throws(() => guard.canActivate(contextFor('127.0.0.1', '127.0.0.1', headers)), (error) => error instanceof common_1.ForbiddenException &&
                /came through a proxy/.test(JSON.stringify(error.getResponse())), JSON.stringify(headers));
        }
    });
});
//# sourceMappingURL=loopback-only.guard.spec.js.map