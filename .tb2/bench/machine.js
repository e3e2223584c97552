"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.describeRun = describeRun;
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const flags_1 = require("./flags");
function packageVersion(name) {
    try {
        const file = require.resolve(`${name}/package.json`, { paths: [flags_1.PROJECT_ROOT] });
        return JSON.parse((0, node_fs_1.readFileSync)(file, 'utf8')).version;
    }
    catch {
        return 'unknown';
    }
}
function git(args) {
    const out = (0, node_child_process_1.spawnSync)('git', args, { cwd: flags_1.PROJECT_ROOT, encoding: 'utf8' });
    return out.status === 0 ? out.stdout.trim() : '';
}
async function pgStatStatements(env) {
    const [row] = await env.sql(`SELECT current_setting('shared_preload_libraries') AS libs`);
    return row.libs.includes('pg_stat_statements')
        ? 'loaded (not used: statements are counted on the wire per process)'
        : 'not loaded (shared_preload_libraries is empty); statements are counted on the wire';
}
async function describeRun(env, flags, loadTool) {
    const cpu = (0, node_os_1.cpus)();
    const [pg] = await env.sql('SHOW server_version');
    const redis = /redis_version:(\S+)/.exec(await env.redis.info('server'))?.[1] ?? 'unknown';
    const commit = git(['rev-parse', '--short', 'HEAD']);
    return {
        date: new Date().toISOString(),
        machine: {
            cpu_model: cpu[0]?.model.trim() ?? 'unknown',
            cores: cpu.length,
            mem_gb: Math.round((0, node_os_1.totalmem)() / 2 ** 30),
            kernel: (0, node_os_1.release)(),
        },
        versions: {
            node: process.version,
            postgres: pg.server_version,
            redis,
            bull: packageVersion('bull'),
            nest: packageVersion('@nestjs/core'),
            fastify: packageVersion('fastify'),
            typeorm: packageVersion('typeorm'),
            pg: packageVersion('pg'),
            orchestrator_commit: commit + (git(['status', '--porcelain', 'src']) ? ' (src modified)' : ''),
        },
        load_tool: loadTool,
        pg_stat_statements: await pgStatStatements(env),
        flags,
    };
}
//# sourceMappingURL=machine.js.map