"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const bare_connections_1 = require("./bare-connections");
const bare_schema_1 = require("./bare-schema");
const kit_process_1 = require("./kit-process");
const CONCURRENCY = 50;
async function runSteps(pool, stepUrls, jobId) {
    await pool.query(bare_schema_1.MARK_RUNNING, [jobId]);
    for (const [i, url] of stepUrls.entries()) {
        const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ job_id: jobId, step: i + 1 }),
        });
        const output = await res.json();
        const status = i === stepUrls.length - 1 ? 'succeeded' : `step_${i + 1}_done`;
        await pool.query(bare_schema_1.RECORD_STEP, [jobId, status, JSON.stringify(output)]);
    }
}
async function serve() {
    const stepUrls = (process.env.KIT_STEP_URLS ?? '').split(',').filter(Boolean);
    if (stepUrls.length === 0)
        throw new Error('KIT_STEP_URLS is empty');
    const pool = await (0, bare_connections_1.barePool)(process.env);
    const queue = await (0, bare_connections_1.bareQueue)(process.env, bare_schema_1.BARE_PIPELINE_QUEUE);
    let target = Infinity;
    let done = 0;
    void queue.process(CONCURRENCY, (job) => runSteps(pool, stepUrls, job.data.jobId));
    queue.on('completed', () => {
        if (++done === target)
            process.send?.({ done });
    });
    process.on('message', (message) => {
        if (typeof message.target !== 'number')
            return;
        done = 0;
        target = message.target;
    });
    process.send?.({ ready: true, port: 0 });
    (0, kit_process_1.onStopRequest)(async () => {
        await queue.close();
        await pool.end();
    });
}
if (require.main === module && process.argv.includes('--serve')) {
    serve().catch((error) => {
        process.stderr.write(`bare pipeline worker: ${String(error)}\n`);
        process.exit(1);
    });
}
//# sourceMappingURL=bare-pipeline-worker.js.map