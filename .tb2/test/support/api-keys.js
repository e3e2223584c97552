"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createApiKey = createApiKey;
const node_child_process_1 = require("node:child_process");
const node_path_1 = require("node:path");
const node_util_1 = require("node:util");
const run = (0, node_util_1.promisify)(node_child_process_1.execFile);
const CLI = (0, node_path_1.join)(__dirname, '..', '..', 'src', 'auth', 'create-api-key.cli.js');
async function createApiKey(env, name, admin = false) {
    const args = [CLI, '--name', name, ...(admin ? ['--admin'] : [])];
    const { stdout } = await run(process.execPath, args, { env: { ...process.env, ...env.env() } });
    const lines = stdout.trim().split('\n');
    return lines[lines.length - 1];
}
//# sourceMappingURL=api-keys.js.map