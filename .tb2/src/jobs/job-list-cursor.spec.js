"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const job_list_cursor_1 = require("./job-list-cursor");
const jobs_errors_1 = require("./jobs.errors");
(0, node_test_1.describe)('job list cursor', () => {
    const position = {
        createdAt: '2026-11-24T10:00:00.123456Z',
        id: '5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10',
    };
    (0, node_test_1.it)('round-trips a position to the microsecond through an opaque, URL-safe string', () => {
        const cursor = (0, job_list_cursor_1.encodeCursor)(position);
        strict_1.default.match(cursor, /^[A-Za-z0-9_-]+$/);
        strict_1.default.deepEqual((0, job_list_cursor_1.decodeCursor)(cursor), position);
    });
    (0, node_test_1.it)('refuses anything it did not make, naming the cursor parameter', () => {
        const forged = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
        for (const bad of [
            'not a cursor',
            '',
            forged({ t: position.createdAt }),
            forged({ t: '2026-02-30T00:00:00.000000Z', i: position.id }),
            forged({ t: '2026-11-24 10:00:00', i: position.id }),
            forged({ t: position.createdAt, i: "x' OR 1=1 --" }),
            forged([position.createdAt, position.id]),
        ]) {
            strict_1.default.throws(() => (0, job_list_cursor_1.decodeCursor)(bad), (error) => error instanceof jobs_errors_1.InvalidFieldError && error.field === 'cursor', bad);
        }
    });
});
//# sourceMappingURL=job-list-cursor.spec.js.map