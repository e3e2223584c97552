"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.httpCall = httpCall;
exports.createTrack = createTrack;
exports.closeHttpClient = closeHttpClient;
const node_http_1 = require("node:http");
const agent = new node_http_1.Agent({ keepAlive: true, maxSockets: 256 });
function httpCall(method, url, body, headers = {}) {
    return new Promise((resolve, reject) => {
        const req = (0, node_http_1.request)(url, {
            method,
            agent,
            headers: body
                ? {
                    'content-type': 'application/json',
                    'content-length': Buffer.byteLength(body),
                    ...headers,
                }
                : headers,
        }, (res) => {
            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
            res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
    });
}
async function createTrack(baseUrl, body) {
    const answer = await httpCall('POST', `${baseUrl}/create-track`, body);
    if (answer.status !== 202)
        throw new Error(`POST /create-track answered ${answer.status}: ${answer.body.slice(0, 300)}`);
    return JSON.parse(answer.body).job_id;
}
function closeHttpClient() {
    agent.destroy();
}
//# sourceMappingURL=http-client.js.map