"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.INTERRUPTED_EXIT_CODE = void 0;
exports.shouldCancel = shouldCancel;
const promises_1 = require("node:readline/promises");
exports.INTERRUPTED_EXIT_CODE = 130;
async function shouldCancel(jobId, policy) {
    if (policy.cancelOnInterrupt)
        return true;
    if (!policy.interactive)
        return false;
    const rl = (0, promises_1.createInterface)({ input: process.stdin, output: process.stdout });
    const abort = new AbortController();
    rl.once('SIGINT', () => abort.abort());
    try {
        const answer = await rl.question(`\nCancel job ${jobId}? [y/N] `, { signal: abort.signal });
        return /^y(es)?$/i.test(answer.trim());
    }
    catch {
        return false;
    }
    finally {
        rl.close();
    }
}
//# sourceMappingURL=interrupt.js.map