"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const promises_1 = require("node:fs/promises");
const node_http_1 = require("node:http");
const node_path_1 = require("node:path");
const node_test_1 = require("node:test");
const artifact_link_signature_1 = require("../src/artifacts/artifact-link-signature");
const api_key_cli_1 = require("./support/api-key-cli");
const http_client_1 = require("./support/http-client");
const use_orchestrator_1 = require("./support/use-orchestrator");
const ARTIFACT_URL_SECRET = 'test-artifact-url-secret-0123456789abcdef';
function rawGet(url, path, headers) {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
        const req = (0, node_http_1.request)({ host: hostname, port, path, headers }, (res) => {
            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('end', () => resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: Buffer.concat(chunks).toString('latin1'),
            }));
        });
        req.on('error', reject);
        req.end();
    });
}
(0, node_test_1.describe)('artifacts of a job through the embedded services', () => {
    let alice;
    let bob;
    let admin;
    let jobId;
    let finalTrackUrl;
    let stemFiles;
    let masterFile;
    let master;
    const as = (key, extra = {}) => ({
        headers: { 'x-api-key': key, ...extra },
    });
    const harness = (0, use_orchestrator_1.useOrchestrator)({
        stub: false,
        beforeStart: async () => {
            alice = await (0, api_key_cli_1.createKey)(harness.env, 'alice');
            bob = await (0, api_key_cli_1.createKey)(harness.env, 'bob');
            admin = await (0, api_key_cli_1.createKey)(harness.env, 'ops', true);
        },
        env: { ARTIFACT_URL_SECRET },
    });
    const { env, app } = harness;
    (0, node_test_1.before)(async () => {
        const created = await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'Warm lo-fi with piano, bass and drums, 90 bpm.' }, { 'x-api-key': alice });
        strict_1.default.equal(created.status, 202);
        jobId = created.body.job_id;
        const deadline = Date.now() + 30_000;
        let status = '';
        while (Date.now() < deadline) {
            const job = await (0, http_client_1.requestJson)(`${app.url}/jobs/${jobId}`, as(alice));
            status = job.body.status;
            if (status === 'SUCCESS') {
                finalTrackUrl = job.body.result.final_track_url ?? '';
                break;
            }
            strict_1.default.ok(['PENDING', 'PROCESSING'].includes(status), JSON.stringify(job.body));
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
        strict_1.default.equal(status, 'SUCCESS');
        const steps = await env.sql("SELECT step, output FROM job_steps WHERE job_id = $1 AND step IN ('generate_sound', 'mix_master')", [jobId]);
        stemFiles = steps.find((s) => s.step === 'generate_sound')?.output.stems;
        masterFile = steps.find((s) => s.step === 'mix_master')?.output.output_path;
        master = await (0, promises_1.readFile)(masterFile);
    });
    (0, node_test_1.it)('lists every stem and the final track with sizes from disk and content types', async () => {
        const res = await (0, http_client_1.requestJson)(`${app.url}/jobs/${jobId}/artifacts`, as(alice));
        strict_1.default.equal(res.status, 200);
        strict_1.default.equal(res.body.job_id, jobId);
        strict_1.default.equal(res.body.status, 'SUCCESS');
        const stems = res.body.artifacts.filter((a) => a.kind === 'stem');
        strict_1.default.deepEqual(stems.map((a) => a.instrument), Object.keys(stemFiles).sort());
        strict_1.default.ok(stems.length >= 2, JSON.stringify(stems));
        for (const stem of stems) {
            const file = stemFiles[stem.instrument ?? ''];
            strict_1.default.equal(stem.size_bytes, (await (0, promises_1.stat)(file)).size, stem.name);
            strict_1.default.equal(stem.name, (0, node_path_1.basename)(file));
            strict_1.default.equal(stem.content_type, 'audio/wav');
            strict_1.default.ok(stem.url.startsWith(`${app.url}/artifacts/stems/`), stem.url);
            const download = await fetch(stem.url, as(alice));
            strict_1.default.equal(download.status, 200);
            strict_1.default.deepEqual(Buffer.from(await download.arrayBuffer()), await (0, promises_1.readFile)(file));
        }
        const finals = res.body.artifacts.filter((a) => a.kind === 'final');
        strict_1.default.equal(finals.length, 1);
        strict_1.default.deepEqual(finals[0], {
            kind: 'final',
            name: (0, node_path_1.basename)(masterFile),
            instrument: null,
            url: finalTrackUrl,
            size_bytes: master.length,
            content_type: 'audio/wav',
        });
        strict_1.default.equal(res.body.artifacts[res.body.artifacts.length - 1].kind, 'final');
    });
    (0, node_test_1.it)('applies the ownership rules of GET /jobs/:id', async () => {
        const other = await (0, http_client_1.requestJson)(`${app.url}/jobs/${jobId}/artifacts`, as(bob));
        strict_1.default.equal(other.status, 404);
        strict_1.default.deepEqual(other.body, { detail: 'Job not found' });
        const ops = await (0, http_client_1.requestJson)(`${app.url}/jobs/${jobId}/artifacts`, as(admin));
        strict_1.default.equal(ops.status, 200);
        strict_1.default.equal(ops.body.artifacts.length, Object.keys(stemFiles).length + 1);
        const unknown = await (0, http_client_1.requestJson)(`${app.url}/jobs/00000000-0000-4000-8000-000000000000/artifacts`, as(alice));
        strict_1.default.equal(unknown.status, 404);
        strict_1.default.deepEqual(unknown.body, { detail: 'Job not found' });
        const malformed = await (0, http_client_1.requestJson)(`${app.url}/jobs/not-a-uuid/artifacts`, as(alice));
        strict_1.default.equal(malformed.status, 404);
        strict_1.default.equal((await fetch(`${app.url}/jobs/${jobId}/artifacts`)).status, 401);
    });
    (0, node_test_1.it)('leaves out an artifact whose file is gone', async () => {
        const [instrument, file] = Object.entries(stemFiles)[0];
        const bytes = await (0, promises_1.readFile)(file);
        await (0, promises_1.rm)(file);
        try {
            const res = await (0, http_client_1.requestJson)(`${app.url}/jobs/${jobId}/artifacts`, as(alice));
            strict_1.default.equal(res.status, 200);
            strict_1.default.ok(!res.body.artifacts.some((a) => a.instrument === instrument));
            strict_1.default.equal(res.body.artifacts.length, Object.keys(stemFiles).length);
        }
        finally {
            await (0, promises_1.writeFile)(file, bytes);
        }
    });
    (0, node_test_1.it)("hands out signed links that play without a header, and only the owner's key or an admin's opens a bare one", async () => {
        const signed = new URL(finalTrackUrl);
        strict_1.default.match(signed.searchParams.get('expires') ?? '', /^\d+$/);
        strict_1.default.match(signed.searchParams.get('signature') ?? '', /^[\w-]{43}$/);
        const played = await fetch(finalTrackUrl);
        strict_1.default.equal(played.status, 200);
        strict_1.default.deepEqual(Buffer.from(await played.arrayBuffer()), master);
        const seek = await fetch(finalTrackUrl, { headers: { range: 'bytes=100-199' } });
        strict_1.default.equal(seek.status, 206);
        strict_1.default.equal((await seek.arrayBuffer()).byteLength, 100);
        const listed = await (0, http_client_1.requestJson)(`${app.url}/jobs`, as(alice));
        const item = listed.body.items.find((job) => job.job_id === jobId);
        strict_1.default.equal(item?.result.final_track_url, finalTrackUrl, 'the list signs the same link');
        const bare = `${signed.origin}${signed.pathname}`;
        strict_1.default.equal((await fetch(bare)).status, 401, 'no signature, no key');
        const theirs = await (0, http_client_1.requestJson)(bare, as(bob));
        strict_1.default.equal(theirs.status, 404, "bob cannot download alice's track");
        strict_1.default.deepEqual(theirs.body, { detail: 'Artifact not found' });
        const stem = Object.values(stemFiles)[0];
        const stemUrl = `${app.url}/artifacts/stems/${encodeURIComponent((0, node_path_1.basename)(stem))}`;
        strict_1.default.equal((await fetch(stemUrl, as(bob))).status, 404, "nor one of alice's stems");
        strict_1.default.equal((await fetch(bare, as(alice))).status, 200, 'the owner key opens it');
        strict_1.default.equal((await fetch(stemUrl, as(alice))).status, 200);
        strict_1.default.equal((await fetch(bare, as(admin))).status, 200, 'an admin key opens it');
    });
    (0, node_test_1.it)('refuses a tampered, transplanted or expired signature with 403', async () => {
        const signed = new URL(finalTrackUrl);
        const expires = signed.searchParams.get('expires') ?? '';
        const signature = signed.searchParams.get('signature') ?? '';
        const stem = Object.values(stemFiles)[0];
        const withQuery = (path, query) => `${app.url}${path}?${new URLSearchParams(query).toString()}`;
        const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
        const masterPath = `output/${(0, node_path_1.basename)(masterFile)}`;
        const past = Math.floor(Date.now() / 1000) - 60;
        const cases = [
            [
                'tampered signature',
                withQuery(signed.pathname, { expires, signature: flipped }),
                /invalid/,
            ],
            [
                'a later expiry',
                withQuery(signed.pathname, { expires: String(Number(expires) + 3600), signature }),
                /invalid/,
            ],
            [
                "another file's path",
                withQuery(`/artifacts/stems/${(0, node_path_1.basename)(stem)}`, { expires, signature }),
                /invalid/,
            ],
            ['signature alone', withQuery(signed.pathname, { signature }), /invalid/],
            [
                'signed with another key',
                withQuery(signed.pathname, {
                    expires,
                    signature: (0, artifact_link_signature_1.signArtifactPath)(Buffer.from('not-the-server-secret-0123456789abcdef'), masterPath, Number(expires)),
                }),
                /invalid/,
            ],
            [
                'expired',
                withQuery(signed.pathname, {
                    expires: String(past),
                    signature: (0, artifact_link_signature_1.signArtifactPath)(Buffer.from(ARTIFACT_URL_SECRET), masterPath, past),
                }),
                /expired/,
            ],
        ];
        for (const [name, url, detail] of cases) {
            const res = await (0, http_client_1.requestJson)(url, as(alice));
            strict_1.default.equal(res.status, 403, name);
            strict_1.default.match(res.body.detail, detail, name);
        }
    });
    (0, node_test_1.it)('serves a single range with 206 and exactly those bytes', async () => {
        const size = master.length;
        const cases = [
            ['bytes=0-99', 0, 99],
            ['bytes=1000-1999', 1000, 1999],
            [`bytes=${size - 10}-`, size - 10, size - 1],
            ['bytes=-500', size - 500, size - 1],
            [`bytes=${size - 5}-${size + 1000}`, size - 5, size - 1],
        ];
        for (const [range, first, last] of cases) {
            const res = await fetch(finalTrackUrl, as(alice, { range }));
            strict_1.default.equal(res.status, 206, range);
            strict_1.default.equal(res.headers.get('content-range'), `bytes ${first}-${last}/${size}`, range);
            strict_1.default.equal(res.headers.get('content-length'), String(last - first + 1), range);
            strict_1.default.equal(res.headers.get('content-type'), 'audio/wav', range);
            strict_1.default.equal(res.headers.get('accept-ranges'), 'bytes', range);
            const body = Buffer.from(await res.arrayBuffer());
            strict_1.default.deepEqual(body, master.subarray(first, last + 1), range);
        }
    });
    (0, node_test_1.it)('answers an unsatisfiable range with 416 and the size in Content-Range', async () => {
        for (const range of [
            `bytes=${master.length}-`,
            `bytes=${master.length + 100}-${master.length + 200}`,
        ]) {
            const res = await (0, http_client_1.requestJson)(finalTrackUrl, as(alice, { range }));
            strict_1.default.equal(res.status, 416, range);
            strict_1.default.equal(res.headers.get('content-range'), `bytes */${master.length}`);
            strict_1.default.match(res.body.detail, /Range not satisfiable/);
        }
    });
    (0, node_test_1.it)('answers several ranges, or another unit, with the whole file', async () => {
        for (const range of ['bytes=0-9,100-109', 'items=0-9']) {
            const res = await fetch(finalTrackUrl, as(alice, { range }));
            const body = Buffer.from(await res.arrayBuffer());
            strict_1.default.equal(res.status, 200, range);
            strict_1.default.equal(res.headers.get('content-range'), null, range);
            strict_1.default.deepEqual(body, master, range);
        }
    });
    (0, node_test_1.it)('answers HEAD with the headers of GET and no body', async () => {
        const head = await fetch(finalTrackUrl, { method: 'HEAD', ...as(alice) });
        strict_1.default.equal(head.status, 200);
        strict_1.default.equal(head.headers.get('content-length'), String(master.length));
        strict_1.default.equal(head.headers.get('content-type'), 'audio/wav');
        strict_1.default.equal(head.headers.get('accept-ranges'), 'bytes');
        strict_1.default.ok(head.headers.get('etag'));
        strict_1.default.ok(head.headers.get('last-modified'));
        strict_1.default.equal((await head.arrayBuffer()).byteLength, 0);
        const ranged = await fetch(finalTrackUrl, {
            method: 'HEAD',
            ...as(alice, { range: 'bytes=0-99' }),
        });
        strict_1.default.equal(ranged.status, 206);
        strict_1.default.equal(ranged.headers.get('content-length'), '100');
        strict_1.default.equal(ranged.headers.get('content-range'), `bytes 0-99/${master.length}`);
        const missing = await fetch(`${app.url}/artifacts/output/nope.wav`, {
            method: 'HEAD',
            ...as(alice),
        });
        strict_1.default.equal(missing.status, 404);
    });
    (0, node_test_1.it)('answers conditional requests from the ETag', async () => {
        const head = await fetch(finalTrackUrl, { method: 'HEAD', ...as(alice) });
        const etag = head.headers.get('etag') ?? '';
        const path = new URL(finalTrackUrl).pathname;
        const fresh = await rawGet(app.url, path, { 'x-api-key': alice, 'if-none-match': etag });
        strict_1.default.equal(fresh.status, 304);
        strict_1.default.equal(fresh.body, '');
        const since = head.headers.get('last-modified') ?? '';
        const unchanged = await rawGet(app.url, path, {
            'x-api-key': alice,
            'if-modified-since': since,
        });
        strict_1.default.equal(unchanged.status, 304);
        const ranged = await rawGet(app.url, path, {
            'x-api-key': alice,
            'if-range': etag,
            range: 'bytes=0-9',
        });
        strict_1.default.equal(ranged.status, 206, 'a current If-Range gets the range');
        strict_1.default.equal(ranged.body.length, 10);
        const stale = await fetch(finalTrackUrl, as(alice, { 'if-range': 'W/"stale"', range: 'bytes=0-9' }));
        strict_1.default.equal(stale.status, 200, 'a stale If-Range gets the whole file');
        strict_1.default.equal(Number(stale.headers.get('content-length')), master.length);
        await stale.arrayBuffer();
    });
    (0, node_test_1.it)('never serves a file outside ARTIFACTS_DIR', async () => {
        const secretName = `${(0, node_path_1.basename)(env.artifactsDir)}-secret.txt`;
        const secret = (0, node_path_1.join)((0, node_path_1.dirname)(env.artifactsDir), secretName);
        await (0, promises_1.writeFile)(secret, 'top secret');
        await (0, promises_1.symlink)(secret, (0, node_path_1.join)(env.artifactsDir, 'link.wav'));
        try {
            const attempts = [
                '/artifacts/../package.json',
                `/artifacts/../${secretName}`,
                `/artifacts/%2e%2e/${secretName}`,
                `/artifacts/%2E%2E%2F${secretName}`,
                `/artifacts/stems/..%2f..%2f${secretName}`,
                `/artifacts/stems/%2e%2e/%2e%2e/${secretName}`,
                `/artifacts/..%5c${secretName}`,
                `/artifacts/${encodeURIComponent(secret)}`,
                `/artifacts/${secret}`,
                '/artifacts/%2fetc%2fpasswd',
                '/artifacts//etc/passwd',
                '/artifacts/link.wav',
                '/artifacts/stems%00.wav',
            ];
            for (const path of attempts) {
                const res = await rawGet(app.url, path, { 'x-api-key': alice });
                strict_1.default.equal(res.status, 404, path);
                strict_1.default.deepEqual(JSON.parse(res.body), { detail: 'Artifact not found' }, path);
            }
            const dir = await rawGet(app.url, '/artifacts/stems', { 'x-api-key': alice });
            strict_1.default.equal(dir.status, 404, 'a directory is not listed');
        }
        finally {
            await (0, promises_1.rm)(secret, { force: true });
            await (0, promises_1.rm)((0, node_path_1.join)(env.artifactsDir, 'link.wav'), { force: true });
        }
    });
});
(0, node_test_1.describe)('artifacts held by another server', () => {
    const { stubs, app } = (0, use_orchestrator_1.useOrchestrator)({
        env: { ARTIFACT_BASE_URL: 'https://files.example.com/vol' },
    });
    (0, node_test_1.it)('lists URLs of remote files with size null and a content type from the name', async () => {
        const created = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
            prompt: 'piano and drums',
        });
        const job = await (0, http_client_1.waitForJob)(app.url, created.body.job_id);
        strict_1.default.equal(job.status, 'SUCCESS', JSON.stringify(job.error));
        const res = await (0, http_client_1.requestJson)(`${app.url}/jobs/${job.job_id}/artifacts`);
        strict_1.default.equal(res.status, 200);
        strict_1.default.deepEqual(res.body.artifacts, [
            {
                kind: 'stem',
                name: 'd.wav',
                instrument: 'drums',
                url: 'https://files.example.com/vol/stems/d.wav',
                size_bytes: null,
                content_type: 'audio/wav',
            },
            {
                kind: 'stem',
                name: 'p.wav',
                instrument: 'piano',
                url: 'https://files.example.com/vol/stems/p.wav',
                size_bytes: null,
                content_type: 'audio/wav',
            },
            {
                kind: 'final',
                name: 'master.wav',
                instrument: null,
                url: 'https://cdn.example.com/output/master.wav',
                size_bytes: null,
                content_type: 'audio/wav',
            },
        ]);
    });
    (0, node_test_1.it)('lists what a running job has so far', async () => {
        stubs.script('process', () => ({ hangMs: 2_000 }));
        try {
            const created = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
                prompt: 'slow mix',
            });
            await (0, http_client_1.waitForJob)(app.url, created.body.job_id, (j) => j.steps.some((s) => s.name === 'mix_master'), 10_000);
            const res = await (0, http_client_1.requestJson)(`${app.url}/jobs/${created.body.job_id}/artifacts`);
            strict_1.default.equal(res.body.status, 'PROCESSING');
            strict_1.default.deepEqual(res.body.artifacts.map((a) => [a.kind, a.instrument]), [
                ['stem', 'drums'],
                ['stem', 'piano'],
            ]);
        }
        finally {
            stubs.reset();
        }
    });
});
//# sourceMappingURL=artifacts.e2e.js.map