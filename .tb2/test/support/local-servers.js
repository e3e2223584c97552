"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.REDIS_BASE_URL = exports.PG_ADMIN_URL = void 0;
exports.PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
exports.REDIS_BASE_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
//# sourceMappingURL=local-servers.js.map