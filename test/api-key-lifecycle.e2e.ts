import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { apiKeyCommand, createKey, printedKey } from './support/api-key-cli';
import { eventually } from './support/eventually';
import { postJson, requestJson } from './support/http-client';
import { useOrchestrator } from './support/use-orchestrator';

/** The README's promise: key changes reach running servers within 5 s. */
const WITHIN_PROMISE_MS = 5_500;
/**
 * Waits for a change to show, failing if it takes longer than the promise. The key set is
 * read whole, so once one effect of a change shows, every other effect of it does too.
 */
const withinPromise = (probe: () => Promise<boolean>, what: string) =>
  eventually(probe, what, WITHIN_PROMISE_MS);

describe('API key lifecycle: changes take effect within 5 s; list, revoke, rotate', () => {
  // Starts without keys: loopback-only mode.
  const harness = useOrchestrator();
  const { env, app } = harness;
  let alice = '';
  let bob = '';
  let bobJob = '';

  const listJobs = (key?: string) =>
    requestJson(`${app.url}/jobs`, { headers: key ? { 'x-api-key': key } : {} });
  const lineOf = (listing: string, prefix: string) =>
    listing.split('\n').find((line) => line.includes(prefix)) ?? '';

  it('leaves loopback-only mode within 5 s of the first key, even after an idle spell', async () => {
    assert.equal((await listJobs()).status, 200);
    await sleep(WITHIN_PROMISE_MS); // idle, so the old cache had gone stale
    const created = await apiKeyCommand(env, 'create', '--name', 'alice');
    assert.equal(created.code, 0, created.stderr);
    alice = printedKey(created);
    await withinPromise(async () => (await listJobs()).status === 401, 'the first key applies');
    assert.equal((await listJobs()).status, 401, 'a keyless request no longer lists every job');
    assert.equal((await listJobs(alice)).status, 200);
  });

  it('keeps apikey:create working and refuses a name that is taken', async () => {
    bob = await createKey(env, 'bob');
    assert.match(bob, /^tok_/);
    const again = await apiKeyCommand(env, 'create', '--name', 'alice');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists/);
  });

  it('lists every key with its prefix, creation and last use', async () => {
    await withinPromise(async () => (await listJobs(bob)).status === 200, "bob's key applies");
    const job = await postJson<{ job_id: string }>(
      `${app.url}/create-track`,
      { prompt: 'kept across rotation' },
      { 'x-api-key': bob },
    );
    assert.equal(job.status, 202);
    bobJob = job.body.job_id;
    // The use is written off the request path.
    const lastUsed = /\d\d:\d\d:\d\d\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+active$/;
    let listed = { code: -1, stdout: '', stderr: '' };
    await withinPromise(async () => {
      listed = await apiKeyCommand(env, 'list');
      return lastUsed.test(lineOf(listed.stdout, bob.slice(0, 12)));
    }, "bob's last use is listed");
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^NAME\s+PREFIX\s+ADMIN\s+CREATED\s+LAST USED\s+STATE/);
    const bobLine = lineOf(listed.stdout, bob.slice(0, 12));
    assert.match(
      bobLine,
      /^bob\s+tok_\S+\s+no\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+active$/,
    );
    assert.ok(!listed.stdout.includes(bob), 'the key itself is never shown');
  });

  it('refuses a revoked key within 5 s, after an idle spell, for every request', async () => {
    const revoked = await apiKeyCommand(env, 'revoke', '--name', 'alice');
    assert.equal(revoked.code, 0, revoked.stderr);
    await sleep(WITHIN_PROMISE_MS);
    for (let i = 0; i < 3; i++) assert.equal((await listJobs(alice)).status, 401);
    assert.equal((await listJobs(bob)).status, 200);
    const listed = await apiKeyCommand(env, 'list');
    assert.match(lineOf(listed.stdout, alice.slice(0, 12)), /revoked \d{4}-/);
    const revokeAgain = await apiKeyCommand(env, 'revoke', '--name', 'alice');
    assert.equal(revokeAgain.code, 1);
  });

  it('rotates a key: same name and jobs, the old key refused at once or after its grace', async () => {
    const rotated = await apiKeyCommand(env, 'rotate', '--name', 'bob', '--grace', '600');
    assert.equal(rotated.code, 0, rotated.stderr);
    const graced = printedKey(rotated);
    const ownJob = () =>
      requestJson(`${app.url}/jobs/${bobJob}`, { headers: { 'x-api-key': graced } });
    await withinPromise(async () => (await ownJob()).status === 200, 'the rotated key applies');
    assert.equal((await listJobs(bob)).status, 200, 'the old key works during its grace period');
    const own = await ownJob();
    assert.equal(own.status, 200, "the new key owns the old key's jobs");
    const listed = await apiKeyCommand(env, 'list');
    assert.match(lineOf(listed.stdout, bob.slice(0, 12)), /active until \d{4}-/);

    const now = await apiKeyCommand(env, 'rotate', '--name', 'bob');
    assert.equal(now.code, 0, now.stderr);
    const fresh = printedKey(now);
    await withinPromise(async () => (await listJobs(fresh)).status === 200, 'the new key applies');
    assert.equal((await listJobs(graced)).status, 401, 'rotated without grace: refused');
    assert.equal((await listJobs(bob)).status, 200, 'an earlier grace period still runs');
    assert.equal((await listJobs(fresh)).status, 200);
  });
});
