"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createKey = createKey;
exports.apiKeyCommand = apiKeyCommand;
exports.printedKey = printedKey;
const node_child_process_1 = require("node:child_process");
const node_path_1 = require("node:path");
const node_util_1 = require("node:util");
const run = (0, node_util_1.promisify)(node_child_process_1.execFile);
const CLI = (0, node_path_1.join)(__dirname, '..', '..', 'src', 'auth', 'create-api-key.cli.js');
async function createKey(env, name, admin = false) {
    const args = [CLI, '--name', name, ...(admin ? ['--admin'] : [])];
    const { stdout } = await run(process.execPath, args, { env: { ...process.env, ...env.env() } });
    const lines = stdout.trim().split('\n');
    return lines[lines.length - 1];
}
const LIFECYCLE_CLI = (0, node_path_1.join)(__dirname, '..', '..', 'src', 'auth', 'api-key.cli.js');
async function apiKeyCommand(env, ...args) {
    try {
        const { stdout, stderr } = await run(process.execPath, [LIFECYCLE_CLI, ...args], {
            env: { ...process.env, ...env.env() },
        });
        return { code: 0, stdout, stderr };
    }
    catch (error) {
        const failed = error;
        return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
}
function printedKey(result) {
    const lines = result.stdout.trim().split('\n');
    return lines[lines.length - 1];
}
//# sourceMappingURL=api-key-cli.js.map