"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ContractStub = exports.PER_JOB_ANSWERS = exports.CONTRACT_ANSWERS = exports.STUB_SERVICES = void 0;
exports.perJobFinalTrackUrl = perJobFinalTrackUrl;
exports.stubServiceEnv = stubServiceEnv;
exports.hashUnit = hashUnit;
const node_http_1 = require("node:http");
const wav_fixture_1 = require("./wav-fixture");
exports.STUB_SERVICES = ['parse', 'analyze', 'generate', 'process'];
function promptSpec(instruments) {
    return {
        tempo: 100,
        key: 'C minor',
        genre: 'lo-fi hip hop',
        instruments,
        style_references: [],
        mood: 'chill',
    };
}
const CONTRACT_ANSWERS = (service) => {
    switch (service) {
        case 'parse':
            return promptSpec(['piano', 'drums']);
        case 'analyze':
            return {
                tempo: 92.3,
                key: 'A minor',
                segments: [{ start_time: 0, end_time: 12.5, label: 'intro' }],
            };
        case 'generate':
            return { job_id: 'job_stub', stems: { piano: '/stems/p.wav', drums: '/stems/d.wav' } };
        case 'process':
            return {
                output_path: 'https://cdn.example.com/output/master.wav',
                message: 'Mixing and mastering complete.',
            };
    }
};
exports.CONTRACT_ANSWERS = CONTRACT_ANSWERS;
const PER_JOB_ANSWERS = (service, jobId) => {
    switch (service) {
        case 'parse':
            return promptSpec(['drums', 'bass']);
        case 'analyze':
            return { tempo: 120, key: 'A minor', segments: [] };
        case 'generate':
            return {
                job_id: `gen_${jobId}`,
                stems: { drums: `/stems/${jobId}_drums.wav`, bass: `/stems/${jobId}_bass.wav` },
            };
        case 'process':
            return { output_path: perJobFinalTrackUrl(jobId), message: 'Mixing and mastering complete.' };
    }
};
exports.PER_JOB_ANSWERS = PER_JOB_ANSWERS;
function perJobFinalTrackUrl(jobId) {
    return `https://cdn.example.com/output/${jobId}_master.wav`;
}
function stubServiceEnv(baseUrl) {
    return {
        PROMPT_PARSER_URL: `${baseUrl}/parse`,
        STYLE_ANALYSIS_URL: `${baseUrl}/analyze`,
        SOUND_GENERATION_URL: `${baseUrl}/generate`,
        MIXING_MASTERING_URL: `${baseUrl}/process`,
    };
}
function hashUnit(text) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193);
    }
    return (hash >>> 0) / 2 ** 32;
}
class ContractStub {
    options;
    calls = [];
    executionsPerKey = new Map();
    delayMs = {};
    fault;
    capacity = {};
    retryAfterSeconds = 1;
    peakInFlight = {};
    baseUrl = '';
    server;
    answers;
    scripts = new Map();
    stored = new Map();
    inFlightPerKey = new Map();
    inFlightPerService = new Map();
    callsPerService = new Map();
    prompts = new Map();
    constructor(options = {}) {
        this.options = options;
        this.answers = options.answers ?? exports.CONTRACT_ANSWERS;
    }
    async start(port = 0) {
        this.server = (0, node_http_1.createServer)((req, res) => void this.handle(req, res));
        this.server.keepAliveTimeout = 65_000;
        await new Promise((resolve) => this.server.listen(port, '127.0.0.1', resolve));
        this.baseUrl = `http://127.0.0.1:${this.server.address().port}`;
    }
    async stop() {
        this.server?.closeAllConnections();
        await new Promise((resolve) => this.server?.close(resolve));
    }
    env() {
        return stubServiceEnv(this.baseUrl);
    }
    get referenceTrackUrl() {
        return `${this.baseUrl}/ref.wav`;
    }
    script(service, answer) {
        this.scripts.set(service, answer);
    }
    reset() {
        this.calls.length = 0;
        this.executionsPerKey.clear();
        this.scripts.clear();
        this.stored.clear();
        this.inFlightPerKey.clear();
        this.callsPerService.clear();
        this.prompts.clear();
        this.delayMs = {};
        this.fault = undefined;
        this.capacity = {};
        for (const service of exports.STUB_SERVICES)
            delete this.peakInFlight[service];
    }
    inFlight(service) {
        return this.inFlightPerService.get(service) ?? 0;
    }
    callsTo(service, jobId) {
        return this.calls.filter((c) => c.service === service && (!jobId || c.jobId === jobId));
    }
    callsFor(jobId, step) {
        const key = step ? `${jobId}:${step}` : undefined;
        return this.calls.filter((c) => c.jobId === jobId && (key === undefined || c.key === key));
    }
    statsFor(jobIds) {
        const ids = new Set(jobIds);
        const calls = this.calls.filter((c) => ids.has(c.jobId));
        let executions = 0;
        let duplicateExecutions = 0;
        for (const [key, n] of this.executionsPerKey) {
            if (!ids.has(jobIdOf(key)))
                continue;
            executions += n;
            duplicateExecutions += Math.max(0, n - 1);
        }
        return {
            calls: calls.length,
            executions,
            duplicateExecutions,
            replays: calls.filter((c) => c.outcome === 'replayed').length,
            overlaps: calls.filter((c) => c.overlapped).length,
            abortedCalls: calls.filter((c) => c.outcome === 'aborted').length,
        };
    }
    faultsByService() {
        const counts = Object.fromEntries(exports.STUB_SERVICES.map((s) => [s, 0]));
        for (const c of this.calls)
            if (c.outcome === 'fault')
                counts[c.service] += 1;
        return counts;
    }
    async handle(req, res) {
        const path = (req.url ?? '/').split('?')[0];
        if (req.method === 'GET' && path === '/ref.wav') {
            req.resume();
            res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': TINY_WAV.length });
            res.end(TINY_WAV);
            return;
        }
        const service = path.slice(1);
        if (req.method !== 'POST' || !exports.STUB_SERVICES.includes(service)) {
            req.resume();
            res.writeHead(404, { 'content-length': 0 }).end();
            return;
        }
        const chunks = [];
        for await (const chunk of req)
            chunks.push(chunk);
        const body = Buffer.concat(chunks).toString('latin1');
        const key = String(req.headers['idempotency-key'] ?? '');
        const call = {
            service,
            key,
            jobId: jobIdOf(key),
            prompt: '',
            n: 1,
            body,
            contentType: req.headers['content-type'],
            at: Date.now(),
        };
        if (this.options.record === false) {
            await this.serve(call, undefined, res);
            return;
        }
        if (service === 'parse')
            this.prompts.set(call.jobId, promptOf(body));
        call.prompt = this.prompts.get(call.jobId) ?? '';
        call.n = this.calls.filter((c) => c.key === key).length + 1;
        this.calls.push(call);
        const nthToService = (this.callsPerService.get(service) ?? 0) + 1;
        this.callsPerService.set(service, nthToService);
        const hook = this.scripts.get(service);
        await this.serve(call, hook ? hook(call, nthToService) : this.fault?.(call), res);
    }
    async serve(call, hook, res) {
        const { service, key } = call;
        const inFlight = (this.inFlightPerService.get(service) ?? 0) + 1;
        const limit = this.capacity[service];
        if (limit !== undefined && inFlight > limit) {
            call.outcome = 'refused';
            sendJson(res, 503, { detail: `${service} is at capacity` }, {
                'retry-after': String(this.retryAfterSeconds),
            });
            return;
        }
        this.inFlightPerService.set(service, inFlight);
        this.peakInFlight[service] = Math.max(this.peakInFlight[service] ?? 0, inFlight);
        if ((this.inFlightPerKey.get(key) ?? 0) > 0)
            call.overlapped = true;
        this.inFlightPerKey.set(key, (this.inFlightPerKey.get(key) ?? 0) + 1);
        const hungUp = new Promise((resolve) => res.once('close', () => {
            call.endedAt = Date.now();
            this.inFlightPerService.set(service, (this.inFlightPerService.get(service) ?? 1) - 1);
            this.inFlightPerKey.set(key, (this.inFlightPerKey.get(key) ?? 1) - 1);
            if (!res.writableFinished) {
                call.abortedAt = Date.now();
                call.outcome = 'aborted';
            }
            resolve();
        }));
        const wait = async (ms) => {
            if (ms > 0) {
                let timer;
                await Promise.race([
                    new Promise((resolve) => (timer = setTimeout(resolve, ms))),
                    hungUp,
                ]).finally(() => clearTimeout(timer));
            }
            return !res.destroyed && !res.writableEnded;
        };
        if (hook && (hook.status !== undefined || hook.raw !== undefined || hook.body !== undefined)) {
            if (!(await wait(hook.hangMs ?? 0)))
                return;
            call.outcome = 'fault';
            const payload = hook.raw ?? JSON.stringify(hook.body ?? this.answers(service, call.jobId));
            sendRaw(res, hook.status ?? 200, payload, hook.headers);
            return;
        }
        if (hook?.until)
            await Promise.race([hook.until, hungUp]);
        if (res.destroyed || res.writableEnded)
            return;
        const stored = this.options.dedup ? this.stored.get(key) : undefined;
        if (stored !== undefined) {
            call.outcome = 'replayed';
            sendJson(res, 200, stored, hook?.headers);
            return;
        }
        if (!(await wait(hook?.hangMs ?? this.delayMs[service] ?? 0)))
            return;
        call.outcome = 'executed';
        if (this.options.record !== false)
            this.executionsPerKey.set(key, (this.executionsPerKey.get(key) ?? 0) + 1);
        const answer = this.answers(service, call.jobId);
        if (this.options.dedup)
            this.stored.set(key, answer);
        sendJson(res, 200, answer, hook?.headers);
    }
}
exports.ContractStub = ContractStub;
function jobIdOf(key) {
    return key.split(':')[0];
}
function promptOf(body) {
    try {
        const { prompt } = JSON.parse(body);
        return typeof prompt === 'string' ? prompt : '';
    }
    catch {
        return '';
    }
}
function sendJson(res, status, body, headers = {}) {
    sendRaw(res, status, JSON.stringify(body), headers);
}
function sendRaw(res, status, payload, headers = {}) {
    res
        .writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
        ...headers,
    })
        .end(payload);
}
const TINY_WAV = (0, wav_fixture_1.silentWav)(0.1, 8000);
//# sourceMappingURL=contract-stub.js.map