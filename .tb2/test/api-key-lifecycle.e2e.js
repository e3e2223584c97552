"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const promises_1 = require("node:timers/promises");
const node_test_1 = require("node:test");
const api_key_cli_1 = require("./support/api-key-cli");
const http_client_1 = require("./support/http-client");
const use_orchestrator_1 = require("./support/use-orchestrator");
const WITHIN_PROMISE_MS = 5_500;
(0, node_test_1.describe)('API key lifecycle: changes take effect within 5 s; list, revoke, rotate', () => {
    const harness = (0, use_orchestrator_1.useOrchestrator)();
    const { env, app } = harness;
    let alice = '';
    let bob = '';
    let bobJob = '';
    const listJobs = (key) => (0, http_client_1.requestJson)(`${app.url}/jobs`, { headers: key ? { 'x-api-key': key } : {} });
    const lineOf = (listing, prefix) => listing.split('\n').find((line) => line.includes(prefix)) ?? '';
    (0, node_test_1.it)('leaves loopback-only mode within 5 s of the first key, even after an idle spell', async () => {
        strict_1.default.equal((await listJobs()).status, 200);
        await (0, promises_1.setTimeout)(WITHIN_PROMISE_MS);
        const created = await (0, api_key_cli_1.apiKeyCommand)(env, 'create', '--name', 'alice');
        strict_1.default.equal(created.code, 0, created.stderr);
        alice = (0, api_key_cli_1.printedKey)(created);
        await (0, promises_1.setTimeout)(WITHIN_PROMISE_MS);
        strict_1.default.equal((await listJobs()).status, 401, 'a keyless request no longer lists every job');
        strict_1.default.equal((await listJobs(alice)).status, 200);
    });
    (0, node_test_1.it)('keeps apikey:create working and refuses a name that is taken', async () => {
        bob = await (0, api_key_cli_1.createKey)(env, 'bob');
        strict_1.default.match(bob, /^tok_/);
        const again = await (0, api_key_cli_1.apiKeyCommand)(env, 'create', '--name', 'alice');
        strict_1.default.equal(again.code, 1);
        strict_1.default.match(again.stderr, /already exists/);
    });
    (0, node_test_1.it)('lists every key with its prefix, creation and last use', async () => {
        await (0, promises_1.setTimeout)(WITHIN_PROMISE_MS);
        const job = await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'kept across rotation' }, { 'x-api-key': bob });
        strict_1.default.equal(job.status, 202);
        bobJob = job.body.job_id;
        await (0, promises_1.setTimeout)(WITHIN_PROMISE_MS);
        const listed = await (0, api_key_cli_1.apiKeyCommand)(env, 'list');
        strict_1.default.equal(listed.code, 0, listed.stderr);
        strict_1.default.match(listed.stdout, /^NAME\s+PREFIX\s+ADMIN\s+CREATED\s+LAST USED\s+STATE/);
        const bobLine = lineOf(listed.stdout, bob.slice(0, 12));
        strict_1.default.match(bobLine, /^bob\s+tok_\S+\s+no\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+active$/);
        strict_1.default.ok(!listed.stdout.includes(bob), 'the key itself is never shown');
    });
    (0, node_test_1.it)('refuses a revoked key within 5 s, after an idle spell, for every request', async () => {
        const revoked = await (0, api_key_cli_1.apiKeyCommand)(env, 'revoke', '--name', 'alice');
        strict_1.default.equal(revoked.code, 0, revoked.stderr);
        await (0, promises_1.setTimeout)(WITHIN_PROMISE_MS);
        for (let i = 0; i < 3; i++)
            strict_1.default.equal((await listJobs(alice)).status, 401);
        strict_1.default.equal((await listJobs(bob)).status, 200);
        const listed = await (0, api_key_cli_1.apiKeyCommand)(env, 'list');
        strict_1.default.match(lineOf(listed.stdout, alice.slice(0, 12)), /revoked \d{4}-/);
        const revokeAgain = await (0, api_key_cli_1.apiKeyCommand)(env, 'revoke', '--name', 'alice');
        strict_1.default.equal(revokeAgain.code, 1);
    });
    (0, node_test_1.it)('rotates a key: same name and jobs, the old key refused at once or after its grace', async () => {
        const rotated = await (0, api_key_cli_1.apiKeyCommand)(env, 'rotate', '--name', 'bob', '--grace', '600');
        strict_1.default.equal(rotated.code, 0, rotated.stderr);
        const graced = (0, api_key_cli_1.printedKey)(rotated);
        await (0, promises_1.setTimeout)(WITHIN_PROMISE_MS);
        strict_1.default.equal((await listJobs(bob)).status, 200, 'the old key works during its grace period');
        const own = await (0, http_client_1.requestJson)(`${app.url}/jobs/${bobJob}`, {
            headers: { 'x-api-key': graced },
        });
        strict_1.default.equal(own.status, 200, "the new key owns the old key's jobs");
        const listed = await (0, api_key_cli_1.apiKeyCommand)(env, 'list');
        strict_1.default.match(lineOf(listed.stdout, bob.slice(0, 12)), /active until \d{4}-/);
        const now = await (0, api_key_cli_1.apiKeyCommand)(env, 'rotate', '--name', 'bob');
        strict_1.default.equal(now.code, 0, now.stderr);
        const fresh = (0, api_key_cli_1.printedKey)(now);
        await (0, promises_1.setTimeout)(WITHIN_PROMISE_MS);
        strict_1.default.equal((await listJobs(graced)).status, 401, 'rotated without grace: refused');
        strict_1.default.equal((await listJobs(bob)).status, 200, 'an earlier grace period still runs');
        strict_1.default.equal((await listJobs(fresh)).status, 200);
    });
});
//# sourceMappingURL=api-key-lifecycle.e2e.js.map