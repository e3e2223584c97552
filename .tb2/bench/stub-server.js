"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startStub = startStub;
const node_child_process_1 = require("node:child_process");
const contract_stub_1 = require("../test/support/contract-stub");
const cleanup_1 = require("./cleanup");
async function serve() {
    const stub = new contract_stub_1.ContractStub({ record: false });
    await stub.start();
    process.send?.({ port: Number(new URL(stub.baseUrl).port) });
    process.on('disconnect', () => process.exit(0));
}
function startStub() {
    const child = (0, node_child_process_1.fork)(__filename, ['--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    (0, cleanup_1.trackChild)(child);
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('stub did not start in 10 s')), 10_000);
        child.once('exit', (code) => reject(new Error(`stub exited with ${code}`)));
        child.once('message', (message) => {
            clearTimeout(timer);
            const baseUrl = `http://127.0.0.1:${message.port}`;
            resolve({
                baseUrl,
                pid: child.pid,
                referenceTrackUrl: `${baseUrl}/ref.wav`,
                env: (0, contract_stub_1.stubServiceEnv)(baseUrl),
                stop: () => new Promise((done) => {
                    if (child.exitCode !== null)
                        return done();
                    child.once('exit', () => done());
                    child.kill('SIGTERM');
                }),
            });
        });
    });
}
if (require.main === module && process.argv.includes('--serve'))
    void serve();
//# sourceMappingURL=stub-server.js.map