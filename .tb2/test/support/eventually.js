"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.eventually = eventually;
async function eventually(probe, what, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe())) {
        if (Date.now() > deadline)
            throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
    }
}
//# sourceMappingURL=eventually.js.map