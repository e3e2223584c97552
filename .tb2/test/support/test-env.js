"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.TestEnv = exports.REDIS_BASE_URL = exports.PG_ADMIN_URL = void 0;
exports.startApp = startApp;
const ioredis_1 = __importDefault(require("ioredis"));
const promises_1 = require("node:fs/promises");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const pg_1 = require("pg");
const app_config_1 = require("../../src/config/app-config");
const create_app_1 = require("../../src/create-app");
const local_servers_1 = require("./local-servers");
Object.defineProperty(exports, "PG_ADMIN_URL", { enumerable: true, get: function () { return local_servers_1.PG_ADMIN_URL; } });
Object.defineProperty(exports, "REDIS_BASE_URL", { enumerable: true, get: function () { return local_servers_1.REDIS_BASE_URL; } });
const template_database_1 = require("./template-database");
class TestEnv {
    options;
    name = `orch_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    databaseUrl;
    artifactsDir = '';
    constructor(options = {}) {
        this.options = options;
        const url = new URL(local_servers_1.PG_ADMIN_URL);
        url.pathname = `/${this.name}`;
        this.databaseUrl = url.toString();
    }
    async setUp() {
        if (this.options.schema === 'empty')
            await withAdmin((admin) => admin.query(`CREATE DATABASE ${this.name}`));
        else
            await (0, template_database_1.createMigratedDatabase)(local_servers_1.PG_ADMIN_URL, this.name);
        this.artifactsDir = await (0, promises_1.mkdtemp)((0, node_path_1.join)((0, node_os_1.tmpdir)(), `${this.name}-`));
    }
    async tearDown() {
        await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`));
        const redis = new ioredis_1.default(local_servers_1.REDIS_BASE_URL);
        const keys = await redis.keys(`${this.name}:*`);
        if (keys.length > 0)
            await redis.del(...keys);
        await redis.quit();
        await (0, promises_1.rm)(this.artifactsDir, { recursive: true, force: true });
    }
    env(overrides = {}) {
        return {
            PORT: '0',
            HOST: '127.0.0.1',
            DATABASE_URL: this.databaseUrl,
            REDIS_URL: local_servers_1.REDIS_BASE_URL,
            QUEUE_PREFIX: this.name,
            ARTIFACTS_DIR: this.artifactsDir,
            STEP_RETRY_DELAY_MS: '0',
            LOG_LEVEL: 'silent',
            RECONCILE_INTERVAL_MS: '1000',
            EMBEDDED_TRACK_SECONDS: '8',
            OUTBOUND_URL_ALLOWLIST: '127.0.0.0/8,::1',
            ...overrides,
        };
    }
    async sql(text, params = []) {
        const client = new pg_1.Client({ connectionString: this.databaseUrl });
        await client.connect();
        try {
            return (await client.query(text, params)).rows;
        }
        finally {
            await client.end();
        }
    }
}
exports.TestEnv = TestEnv;
async function withAdmin(work) {
    const admin = new pg_1.Client({ connectionString: local_servers_1.PG_ADMIN_URL });
    await admin.connect();
    try {
        await work(admin);
    }
    finally {
        await admin.end();
    }
}
async function startApp(env, overrides = {}) {
    const config = new app_config_1.AppConfig(env.env(overrides));
    const app = await (0, create_app_1.createApp)(config);
    const url = await (0, create_app_1.listen)(app, config);
    let closing;
    const close = () => (closing ??= app.close());
    const stop = async () => {
        const server = app.getHttpServer();
        server.closeAllConnections();
        const sweep = setInterval(() => server.closeAllConnections(), 200);
        try {
            await close();
        }
        finally {
            clearInterval(sweep);
        }
    };
    return { app, url, close, stop };
}
//# sourceMappingURL=test-env.js.map