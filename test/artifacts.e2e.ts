import assert from 'node:assert/strict';
import { readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { basename, dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { signArtifactPath } from '../src/artifacts/artifact-link-signature';
import { createKey } from './support/api-key-cli';
import { postJson, requestJson, waitForJob } from './support/http-client';
import { useOrchestrator } from './support/use-orchestrator';

const ARTIFACT_URL_SECRET = 'test-artifact-url-secret-0123456789abcdef';

/**
 * Sends the path and headers as given: fetch would resolve `..` before the request leaves,
 * and adds `Cache-Control: no-cache` to conditional requests.
 */
function rawGet(
  url: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('latin1'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

interface ArtifactView {
  kind: string;
  name: string;
  instrument: string | null;
  url: string;
  size_bytes: number | null;
  content_type: string;
}

interface ArtifactList {
  job_id: string;
  status: string;
  artifacts: ArtifactView[];
}

describe('artifacts of a job through the embedded services', () => {
  let alice: string;
  let bob: string;
  let admin: string;
  let jobId: string;
  let finalTrackUrl: string;
  let stemFiles: Record<string, string>;
  let masterFile: string;
  let master: Buffer;
  const as = (key: string, extra: Record<string, string> = {}) => ({
    headers: { 'x-api-key': key, ...extra },
  });

  // No stub: the embedded services run the job and write its files.
  const harness = useOrchestrator({
    stub: false,
    beforeStart: async () => {
      alice = await createKey(harness.env, 'alice');
      bob = await createKey(harness.env, 'bob');
      admin = await createKey(harness.env, 'ops', true);
    },
    env: { ARTIFACT_URL_SECRET },
  });
  const { env, app } = harness;

  before(async () => {
    const created = await postJson<{ job_id: string }>(
      `${app.url}/create-track`,
      { prompt: 'Warm lo-fi with piano, bass and drums, 90 bpm.' },
      { 'x-api-key': alice },
    );
    assert.equal(created.status, 202);
    jobId = created.body.job_id;
    const deadline = Date.now() + 30_000;
    let status = '';
    while (Date.now() < deadline) {
      const job = await requestJson<{ status: string; result: { final_track_url?: string } }>(
        `${app.url}/jobs/${jobId}`,
        as(alice),
      );
      status = job.body.status;
      if (status === 'SUCCESS') {
        finalTrackUrl = job.body.result.final_track_url ?? '';
        break;
      }
      assert.ok(['PENDING', 'PROCESSING'].includes(status), JSON.stringify(job.body));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(status, 'SUCCESS');
    const steps = await env.sql<{ step: string; output: Record<string, unknown> }>(
      "SELECT step, output FROM job_steps WHERE job_id = $1 AND step IN ('generate_sound', 'mix_master')",
      [jobId],
    );
    stemFiles = steps.find((s) => s.step === 'generate_sound')?.output.stems as Record<
      string,
      string
    >;
    masterFile = steps.find((s) => s.step === 'mix_master')?.output.output_path as string;
    master = await readFile(masterFile);
  });

  it('lists every stem and the final track with sizes from disk and content types', async () => {
    const res = await requestJson<ArtifactList>(`${app.url}/jobs/${jobId}/artifacts`, as(alice));
    assert.equal(res.status, 200);
    assert.equal(res.body.job_id, jobId);
    assert.equal(res.body.status, 'SUCCESS');
    const stems = res.body.artifacts.filter((a) => a.kind === 'stem');
    assert.deepEqual(
      stems.map((a) => a.instrument),
      Object.keys(stemFiles).sort(),
    );
    assert.ok(stems.length >= 2, JSON.stringify(stems));
    for (const stem of stems) {
      const file = stemFiles[stem.instrument ?? ''];
      assert.equal(stem.size_bytes, (await stat(file)).size, stem.name);
      assert.equal(stem.name, basename(file));
      assert.equal(stem.content_type, 'audio/wav');
      assert.ok(stem.url.startsWith(`${app.url}/artifacts/stems/`), stem.url);
      const download = await fetch(stem.url, as(alice));
      assert.equal(download.status, 200);
      assert.deepEqual(Buffer.from(await download.arrayBuffer()), await readFile(file));
    }
    const finals = res.body.artifacts.filter((a) => a.kind === 'final');
    assert.equal(finals.length, 1);
    assert.deepEqual(finals[0], {
      kind: 'final',
      name: basename(masterFile),
      instrument: null,
      url: finalTrackUrl,
      size_bytes: master.length,
      content_type: 'audio/wav',
    });
    assert.equal(res.body.artifacts[res.body.artifacts.length - 1].kind, 'final');
  });

  it('applies the ownership rules of GET /jobs/:id', async () => {
    const other = await requestJson(`${app.url}/jobs/${jobId}/artifacts`, as(bob));
    assert.equal(other.status, 404);
    assert.deepEqual(other.body, { detail: 'Job not found' });
    const ops = await requestJson<ArtifactList>(`${app.url}/jobs/${jobId}/artifacts`, as(admin));
    assert.equal(ops.status, 200);
    assert.equal(ops.body.artifacts.length, Object.keys(stemFiles).length + 1);
    const unknown = await requestJson(
      `${app.url}/jobs/00000000-0000-4000-8000-000000000000/artifacts`,
      as(alice),
    );
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body, { detail: 'Job not found' });
    const malformed = await requestJson(`${app.url}/jobs/not-a-uuid/artifacts`, as(alice));
    assert.equal(malformed.status, 404);
    assert.equal((await fetch(`${app.url}/jobs/${jobId}/artifacts`)).status, 401);
  });

  it('leaves out an artifact whose file is gone', async () => {
    const [instrument, file] = Object.entries(stemFiles)[0];
    const bytes = await readFile(file);
    await rm(file);
    try {
      const res = await requestJson<ArtifactList>(`${app.url}/jobs/${jobId}/artifacts`, as(alice));
      assert.equal(res.status, 200);
      assert.ok(!res.body.artifacts.some((a) => a.instrument === instrument));
      assert.equal(res.body.artifacts.length, Object.keys(stemFiles).length);
    } finally {
      await writeFile(file, bytes);
    }
  });

  it("hands out signed links that play without a header, and only the owner's key or an admin's opens a bare one", async () => {
    const signed = new URL(finalTrackUrl);
    assert.match(signed.searchParams.get('expires') ?? '', /^\d+$/);
    assert.match(signed.searchParams.get('signature') ?? '', /^[\w-]{43}$/);
    // As <audio src> fetches it: no header at all, and seeking asks for a range.
    const played = await fetch(finalTrackUrl);
    assert.equal(played.status, 200);
    assert.deepEqual(Buffer.from(await played.arrayBuffer()), master);
    const seek = await fetch(finalTrackUrl, { headers: { range: 'bytes=100-199' } });
    assert.equal(seek.status, 206);
    assert.equal((await seek.arrayBuffer()).byteLength, 100);
    const listed = await requestJson<{
      items: { job_id: string; result: { final_track_url?: string } }[];
    }>(`${app.url}/jobs`, as(alice));
    const item = listed.body.items.find((job) => job.job_id === jobId);
    assert.equal(item?.result.final_track_url, finalTrackUrl, 'the list signs the same link');

    const bare = `${signed.origin}${signed.pathname}`;
    assert.equal((await fetch(bare)).status, 401, 'no signature, no key');
    const theirs = await requestJson(bare, as(bob));
    assert.equal(theirs.status, 404, "bob cannot download alice's track");
    assert.deepEqual(theirs.body, { detail: 'Artifact not found' });
    const stem = Object.values(stemFiles)[0];
    const stemUrl = `${app.url}/artifacts/stems/${encodeURIComponent(basename(stem))}`;
    assert.equal((await fetch(stemUrl, as(bob))).status, 404, "nor one of alice's stems");
    assert.equal((await fetch(bare, as(alice))).status, 200, 'the owner key opens it');
    assert.equal((await fetch(stemUrl, as(alice))).status, 200);
    assert.equal((await fetch(bare, as(admin))).status, 200, 'an admin key opens it');
  });

  it('refuses a tampered, transplanted or expired signature with 403', async () => {
    const signed = new URL(finalTrackUrl);
    const expires = signed.searchParams.get('expires') ?? '';
    const signature = signed.searchParams.get('signature') ?? '';
    const stem = Object.values(stemFiles)[0];
    const withQuery = (path: string, query: Record<string, string>) =>
      `${app.url}${path}?${new URLSearchParams(query).toString()}`;
    const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    const masterPath = `output/${basename(masterFile)}`;
    const past = Math.floor(Date.now() / 1000) - 60;
    const cases: [string, string, RegExp][] = [
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
        withQuery(`/artifacts/stems/${basename(stem)}`, { expires, signature }),
        /invalid/,
      ],
      ['signature alone', withQuery(signed.pathname, { signature }), /invalid/],
      [
        'signed with another key',
        withQuery(signed.pathname, {
          expires,
          signature: signArtifactPath(
            Buffer.from('not-the-server-secret-0123456789abcdef'),
            masterPath,
            Number(expires),
          ),
        }),
        /invalid/,
      ],
      [
        'expired',
        withQuery(signed.pathname, {
          expires: String(past),
          signature: signArtifactPath(Buffer.from(ARTIFACT_URL_SECRET), masterPath, past),
        }),
        /expired/,
      ],
    ];
    for (const [name, url, detail] of cases) {
      // A valid key does not rescue a bad link: the link decides, as it would in a browser.
      const res = await requestJson<{ detail: string }>(url, as(alice));
      assert.equal(res.status, 403, name);
      assert.match(res.body.detail, detail, name);
    }
  });

  it('serves a single range with 206 and exactly those bytes', async () => {
    const size = master.length;
    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=1000-1999', 1000, 1999],
      [`bytes=${size - 10}-`, size - 10, size - 1], // open-ended
      ['bytes=-500', size - 500, size - 1], // suffix: the last 500 bytes
      [`bytes=${size - 5}-${size + 1000}`, size - 5, size - 1], // end clamped to the file
    ];
    for (const [range, first, last] of cases) {
      const res = await fetch(finalTrackUrl, as(alice, { range }));
      assert.equal(res.status, 206, range);
      assert.equal(res.headers.get('content-range'), `bytes ${first}-${last}/${size}`, range);
      assert.equal(res.headers.get('content-length'), String(last - first + 1), range);
      assert.equal(res.headers.get('content-type'), 'audio/wav', range);
      assert.equal(res.headers.get('accept-ranges'), 'bytes', range);
      const body = Buffer.from(await res.arrayBuffer());
      assert.deepEqual(body, master.subarray(first, last + 1), range);
    }
  });

  it('answers an unsatisfiable range with 416 and the size in Content-Range', async () => {
    for (const range of [
      `bytes=${master.length}-`,
      `bytes=${master.length + 100}-${master.length + 200}`,
    ]) {
      const res = await requestJson<{ detail: string }>(finalTrackUrl, as(alice, { range }));
      assert.equal(res.status, 416, range);
      assert.equal(res.headers.get('content-range'), `bytes */${master.length}`);
      assert.match(res.body.detail, /Range not satisfiable/);
    }
  });

  it('answers several ranges, or another unit, with the whole file', async () => {
    for (const range of ['bytes=0-9,100-109', 'items=0-9']) {
      const res = await fetch(finalTrackUrl, as(alice, { range }));
      const body = Buffer.from(await res.arrayBuffer());
      assert.equal(res.status, 200, range);
      assert.equal(res.headers.get('content-range'), null, range);
      assert.deepEqual(body, master, range);
    }
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const head = await fetch(finalTrackUrl, { method: 'HEAD', ...as(alice) });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), String(master.length));
    assert.equal(head.headers.get('content-type'), 'audio/wav');
    assert.equal(head.headers.get('accept-ranges'), 'bytes');
    assert.ok(head.headers.get('etag'));
    assert.ok(head.headers.get('last-modified'));
    assert.equal((await head.arrayBuffer()).byteLength, 0);
    const ranged = await fetch(finalTrackUrl, {
      method: 'HEAD',
      ...as(alice, { range: 'bytes=0-99' }),
    });
    assert.equal(ranged.status, 206);
    assert.equal(ranged.headers.get('content-length'), '100');
    assert.equal(ranged.headers.get('content-range'), `bytes 0-99/${master.length}`);
    const missing = await fetch(`${app.url}/artifacts/output/nope.wav`, {
      method: 'HEAD',
      ...as(alice),
    });
    assert.equal(missing.status, 404);
  });

  it('answers conditional requests from the ETag', async () => {
    const head = await fetch(finalTrackUrl, { method: 'HEAD', ...as(alice) });
    const etag = head.headers.get('etag') ?? '';
    const path = new URL(finalTrackUrl).pathname;
    const fresh = await rawGet(app.url, path, { 'x-api-key': alice, 'if-none-match': etag });
    assert.equal(fresh.status, 304);
    assert.equal(fresh.body, '');
    const since = head.headers.get('last-modified') ?? '';
    const unchanged = await rawGet(app.url, path, {
      'x-api-key': alice,
      'if-modified-since': since,
    });
    assert.equal(unchanged.status, 304);
    const ranged = await rawGet(app.url, path, {
      'x-api-key': alice,
      'if-range': etag,
      range: 'bytes=0-9',
    });
    assert.equal(ranged.status, 206, 'a current If-Range gets the range');
    assert.equal(ranged.body.length, 10);
    const stale = await fetch(
      finalTrackUrl,
      as(alice, { 'if-range': 'W/"stale"', range: 'bytes=0-9' }),
    );
    assert.equal(stale.status, 200, 'a stale If-Range gets the whole file');
    assert.equal(Number(stale.headers.get('content-length')), master.length);
    await stale.arrayBuffer();
  });

  it('never serves a file outside ARTIFACTS_DIR', async () => {
    // A file next to ARTIFACTS_DIR, one `..` away, so a traversal would find something.
    const secretName = `${basename(env.artifactsDir)}-secret.txt`;
    const secret = join(dirname(env.artifactsDir), secretName);
    await writeFile(secret, 'top secret');
    await symlink(secret, join(env.artifactsDir, 'link.wav'));
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
        assert.equal(res.status, 404, path);
        assert.deepEqual(JSON.parse(res.body), { detail: 'Artifact not found' }, path);
      }
      const dir = await rawGet(app.url, '/artifacts/stems', { 'x-api-key': alice });
      assert.equal(dir.status, 404, 'a directory is not listed');
    } finally {
      await rm(secret, { force: true });
      await rm(join(env.artifactsDir, 'link.wav'), { force: true });
    }
  });
});

describe('artifacts held by another server', () => {
  const { stubs, app } = useOrchestrator({
    env: { ARTIFACT_BASE_URL: 'https://files.example.com/vol' },
  });

  it('lists URLs of remote files with size null and a content type from the name', async () => {
    const created = await postJson<{ job_id: string }>(`${app.url}/create-track`, {
      prompt: 'piano and drums',
    });
    const job = await waitForJob(app.url, created.body.job_id);
    assert.equal(job.status, 'SUCCESS', JSON.stringify(job.error));
    const res = await requestJson<ArtifactList>(`${app.url}/jobs/${job.job_id}/artifacts`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.artifacts, [
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

  it('lists what a running job has so far', async () => {
    stubs.script('process', () => ({ hangMs: 2_000 }));
    try {
      const created = await postJson<{ job_id: string }>(`${app.url}/create-track`, {
        prompt: 'slow mix',
      });
      await waitForJob(
        app.url,
        created.body.job_id,
        (j) => j.steps.some((s) => s.name === 'mix_master'),
        10_000,
      );
      const res = await requestJson<ArtifactList>(
        `${app.url}/jobs/${created.body.job_id}/artifacts`,
      );
      assert.equal(res.body.status, 'PROCESSING');
      assert.deepEqual(
        res.body.artifacts.map((a) => [a.kind, a.instrument]),
        [
          ['stem', 'drums'],
          ['stem', 'piano'],
        ],
      );
    } finally {
      stubs.reset();
    }
  });
});
