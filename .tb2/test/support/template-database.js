"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.templateName = templateName;
exports.createMigratedDatabase = createMigratedDatabase;
exports.prepareTemplates = prepareTemplates;
const advisory_locks_1 = require("../../src/database/advisory-locks");
const node_crypto_1 = require("node:crypto");
const promises_1 = require("node:fs/promises");
const node_path_1 = require("node:path");
const pg_1 = require("pg");
const typeorm_1 = require("typeorm");
const run_migrations_1 = require("../../src/database/run-migrations");
const typeorm_options_1 = require("../../src/database/typeorm-options");
const MIGRATIONS_DIR = (0, node_path_1.join)(__dirname, '..', '..', 'migrations');
const TEMPLATE_PREFIX = 'orch_tpl_';
const KEEP_OTHER_TEMPLATES = 3;
async function templateName() {
    const hash = (0, node_crypto_1.createHash)('sha256');
    const files = (await (0, promises_1.readdir)(MIGRATIONS_DIR)).filter((f) => f.endsWith('.js')).sort();
    if (files.length === 0)
        throw new Error(`no compiled migrations in ${MIGRATIONS_DIR}`);
    for (const file of files)
        hash.update(`${file}\0`).update(await (0, promises_1.readFile)((0, node_path_1.join)(MIGRATIONS_DIR, file)));
    return `${TEMPLATE_PREFIX}${hash.digest('hex').slice(0, 16)}`;
}
async function createMigratedDatabase(adminUrl, name) {
    const template = await templateName();
    await underTemplateLock(adminUrl, async (admin) => {
        await ensureTemplate(admin, adminUrl, template);
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    });
}
async function prepareTemplates(adminUrl) {
    const template = await templateName();
    await underTemplateLock(adminUrl, async (admin) => {
        await ensureTemplate(admin, adminUrl, template);
        const { rows } = await admin.query(`SELECT datname, datistemplate AS istemplate FROM pg_database
        WHERE datname LIKE 'orch\\_tpl\\_%' AND datname <> $1
        ORDER BY shobj_description(oid, 'pg_database') DESC NULLS LAST`, [template]);
        const templates = rows.filter((r) => r.istemplate);
        const stale = [...templates.slice(KEEP_OTHER_TEMPLATES), ...rows.filter((r) => !r.istemplate)];
        for (const { datname } of stale) {
            await admin.query(`ALTER DATABASE ${datname} WITH IS_TEMPLATE false`);
            await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
        }
    });
    return template;
}
async function underTemplateLock(adminUrl, work) {
    const admin = new pg_1.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
        await admin.query('SELECT pg_advisory_lock($1)', [advisory_locks_1.AdvisoryLock.TestTemplate]);
        await work(admin);
    }
    finally {
        await admin.end();
    }
}
async function ensureTemplate(admin, adminUrl, template) {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        template,
    ]);
    if (rowCount)
        return;
    const build = `${template}_b${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS ${build} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${build}`);
    const url = new URL(adminUrl);
    url.pathname = `/${build}`;
    const db = await new typeorm_1.DataSource((0, typeorm_options_1.typeormOptions)(url.toString(), 2)).initialize();
    try {
        await (0, run_migrations_1.runMigrationsLocked)(db);
    }
    finally {
        await db.destroy();
    }
    await admin.query(`ALTER DATABASE ${build} RENAME TO ${template}`);
    await admin.query(`ALTER DATABASE ${template} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    await admin.query(`COMMENT ON DATABASE ${template} IS '${new Date().toISOString()}'`);
}
if (require.main === module) {
    void Promise.resolve().then(() => __importStar(require('./local-servers'))).then(async ({ PG_ADMIN_URL }) => {
        const template = await prepareTemplates(PG_ADMIN_URL);
        process.stdout.write(`test database template: ${template}\n`);
    });
}
//# sourceMappingURL=template-database.js.map