"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requestJson = requestJson;
exports.postJson = postJson;
exports.waitForJob = waitForJob;
async function requestJson(url, init = {}) {
    const res = await fetch(url, init);
    const text = await res.text();
    let body = text;
    try {
        body = JSON.parse(text);
    }
    catch {
    }
    return { status: res.status, headers: res.headers, body: body };
}
function postJson(url, payload, headers = {}) {
    return requestJson(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(payload),
    });
}
const TERMINAL = new Set(['SUCCESS', 'FAILURE', 'CANCELLED']);
async function waitForJob(baseUrl, jobId, until = (job) => TERMINAL.has(job.status), timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
        const res = await requestJson(`${baseUrl}/jobs/${jobId}`);
        if (res.status === 200) {
            last = res.body;
            if (until(last))
                return last;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`job ${jobId} did not reach the expected state in ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}
//# sourceMappingURL=http-client.js.map