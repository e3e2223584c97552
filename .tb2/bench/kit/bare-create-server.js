"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_crypto_1 = require("node:crypto");
const node_http_1 = require("node:http");
const bare_connections_1 = require("./bare-connections");
const bare_schema_1 = require("./bare-schema");
const kit_process_1 = require("./kit-process");
function handler(pool, queue) {
    return (req, res) => {
        const chunks = [];
        req.on('data', (chunk) => chunks.push(chunk));
        req.on('end', () => {
            const create = async () => {
                const { prompt, input } = JSON.parse(Buffer.concat(chunks).toString());
                const id = (0, node_crypto_1.randomUUID)();
                await pool.query(bare_schema_1.INSERT_JOB, [id, prompt, JSON.stringify(input ?? {})]);
                await queue.add({ jobId: id }, { jobId: id });
                return JSON.stringify({ job_id: id, status: 'PENDING' });
            };
            create().then((body) => res
                .writeHead(202, {
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(body),
            })
                .end(body), (error) => res.writeHead(500).end(String(error)));
        });
    };
}
async function serve() {
    const pool = await (0, bare_connections_1.barePool)(process.env);
    const queue = await (0, bare_connections_1.bareQueue)(process.env, bare_schema_1.BARE_CREATE_QUEUE);
    const server = (0, node_http_1.createServer)(handler(pool, queue));
    server.keepAliveTimeout = 65_000;
    server.listen(0, '127.0.0.1', () => {
        process.send?.({ ready: true, port: server.address().port });
    });
    (0, kit_process_1.onStopRequest)(async () => {
        server.closeAllConnections();
        server.close();
        await queue.close();
        await pool.end();
    });
}
if (require.main === module && process.argv.includes('--serve')) {
    serve().catch((error) => {
        process.stderr.write(`bare create server: ${String(error)}\n`);
        process.exit(1);
    });
}
//# sourceMappingURL=bare-create-server.js.map