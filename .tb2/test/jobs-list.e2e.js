"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const pg_1 = require("pg");
const job_list_query_1 = require("../src/jobs/job-list.query");
const job_status_1 = require("../src/jobs/job-status");
const http_client_1 = require("./support/http-client");
const use_orchestrator_1 = require("./support/use-orchestrator");
(0, node_test_1.describe)('job list and search', () => {
    const { env, app } = (0, use_orchestrator_1.useOrchestrator)({ env: { APP_ROLE: 'api' } });
    const create = async (prompt) => {
        const res = await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt });
        strict_1.default.equal(res.status, 202);
        return res.body.job_id;
    };
    const list = async (query) => {
        const res = await (0, http_client_1.requestJson)(`${app.url}/jobs${query}`);
        strict_1.default.equal(res.status, 200, JSON.stringify(res.body));
        return res.body;
    };
    const allPages = async (query, onPage) => {
        const items = [];
        let cursor = null;
        do {
            const sep = query ? '&' : '?';
            const page = await list(cursor ? `${query}${sep}cursor=${cursor}` : query);
            items.push(...page.items);
            cursor = page.next_cursor;
            await onPage?.();
        } while (cursor);
        return items;
    };
    (0, node_test_1.it)('returns every job exactly once, newest first, while other jobs are being created', async () => {
        const existing = [];
        for (let i = 0; i < 40; i++)
            existing.push(await create(`paging job ${i}`));
        let creating = true;
        const concurrent = [];
        const creator = (async () => {
            while (creating)
                concurrent.push(await create('created while paging'));
        })();
        const seen = await allPages('?limit=7', () => new Promise((r) => setTimeout(r, 5)));
        creating = false;
        await creator;
        strict_1.default.ok(concurrent.length > 0, 'jobs were created during the paging');
        const ids = seen.map((item) => item.job_id);
        strict_1.default.equal(new Set(ids).size, ids.length, 'no job is listed twice');
        for (const id of existing)
            strict_1.default.ok(ids.includes(id), `job ${id} is listed`);
        const times = seen.map((item) => Date.parse(item.created_at));
        strict_1.default.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
        strict_1.default.equal(seen[0].steps, undefined, 'list items leave the steps out');
        strict_1.default.equal(seen[0].status, 'PENDING');
        strict_1.default.equal(seen[0].result, null);
    });
    (0, node_test_1.it)('gives a next_cursor only while more jobs follow', async () => {
        for (let i = 0; i < 5; i++)
            await create(`edge of the page ${i}`);
        const whole = await list('?q=edge%20of%20the%20page&limit=5');
        strict_1.default.equal(whole.items.length, 5);
        strict_1.default.equal(whole.next_cursor, null, 'a page that holds the last job has no cursor');
        const first = await list('?q=edge%20of%20the%20page&limit=4');
        strict_1.default.equal(first.items.length, 4);
        strict_1.default.ok(first.next_cursor);
        const second = await list(`?q=edge%20of%20the%20page&limit=4&cursor=${first.next_cursor}`);
        strict_1.default.deepEqual(second.items.map((item) => item.prompt), ['edge of the page 0']);
        strict_1.default.equal(second.next_cursor, null);
        strict_1.default.equal((await list('?limit=3')).items.length, 3, 'limit caps the page');
    });
    (0, node_test_1.it)('filters by status, creation time and free text on the prompt', async () => {
        const failed = await create('Dark techno with a 303 bassline, 130 bpm');
        const cancelled = await create('A dark ambient drone with 100% reverb');
        const success = await create('Bright pop with piano_keys and claps');
        await env.sql(`UPDATE jobs SET status = 'FAILURE', finished_at = now() WHERE id = $1`, [
            failed,
        ]);
        await env.sql(`UPDATE jobs SET status = 'CANCELLED', finished_at = now() WHERE id = $1`, [
            cancelled,
        ]);
        await env.sql(`UPDATE jobs SET status = 'SUCCESS', finished_at = now(), result = '{"final_track_url":"/artifacts/output/x.wav"}' WHERE id = $1`, [success]);
        const ids = (page) => page.items.map((item) => item.job_id).sort();
        strict_1.default.deepEqual(ids(await list('?status=FAILURE')), [failed]);
        strict_1.default.deepEqual(ids(await list('?status=failure,CANCELLED')), [failed, cancelled].sort());
        strict_1.default.deepEqual(ids(await list('?status=FAILURE&status=CANCELLED')), [failed, cancelled].sort());
        const successPage = await list('?status=SUCCESS');
        strict_1.default.deepEqual(ids(successPage), [success]);
        strict_1.default.deepEqual(successPage.items[0].result, {
            final_track_url: `${app.url}/artifacts/output/x.wav`,
        });
        strict_1.default.deepEqual(ids(await list('?q=DARK')), [failed, cancelled].sort(), 'case-insensitive');
        strict_1.default.deepEqual(ids(await list('?q=303%20bassline')), [failed]);
        strict_1.default.deepEqual(ids(await list('?q=100%25')), [cancelled], '% is literal');
        strict_1.default.deepEqual(ids(await list('?q=dark_')), [], '_ is literal');
        strict_1.default.deepEqual(ids(await list('?q=piano_keys')), [success]);
        strict_1.default.deepEqual(ids(await list('?q=dark&status=FAILURE')), [failed]);
        await env.sql(`UPDATE jobs SET created_at = '2026-01-10T12:00:00Z' WHERE id = $1`, [failed]);
        await env.sql(`UPDATE jobs SET created_at = '2026-01-20T12:00:00Z' WHERE id = $1`, [cancelled]);
        strict_1.default.deepEqual(ids(await list('?created_after=2026-01-01T00:00:00Z&created_before=2026-01-15T00:00:00Z')), [failed]);
        strict_1.default.deepEqual(ids(await list('?q=dark&created_after=2026-01-15T00:00:00Z')), [cancelled]);
        strict_1.default.deepEqual(ids(await list('?created_before=2026-01-15')), [failed]);
    });
    (0, node_test_1.it)('refuses bad parameters with a 400 that names them', async () => {
        const cases = [
            ['?limit=0', /limit must be between 1 and 100/],
            ['?limit=101', /limit must be between 1 and 100/],
            ['?limit=ten', /limit must be a whole number/],
            ['?limit=2.5', /limit must be a whole number/],
            ['?status=DONE', /status must be one of PENDING, PROCESSING, SUCCESS, FAILURE, CANCELLED/],
            ['?created_after=yesterday', /created_after must be an ISO 8601 date-time/],
            ['?created_before=2026-13-01', /created_before must be an ISO 8601 date-time/],
            ['?created_after=2026-W48-1', /created_after must be an ISO 8601 date-time/],
            ['?created_after=2026-11', /created_after must be an ISO 8601 date-time/],
            ['?created_before=2026-02-30T00:00:00Z', /created_before must be an ISO 8601 date-time/],
            [
                '?created_after=2026-02-01T00:00:00Z&created_before=2026-01-01T00:00:00Z',
                /created_before must be after created_after/,
            ],
            ['?cursor=not-a-cursor', /cursor is not one this API returned/],
            [
                `?cursor=${Buffer.from('{"t":"2026-02-30T00:00:00.000000Z","i":"5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10"}').toString('base64url')}`,
                /cursor is not one this API returned/,
            ],
            ['?q=%20%20', /q must not be empty/],
            [`?q=${'x'.repeat(201)}`, /q must be at most 200 characters/],
            ['?sort=prompt', /property sort should not exist/],
        ];
        for (const [query, detail] of cases) {
            const res = await (0, http_client_1.requestJson)(`${app.url}/jobs${query}`);
            strict_1.default.equal(res.status, 400, `${query}: ${JSON.stringify(res.body)}`);
            strict_1.default.match(res.body.detail, detail, query);
            strict_1.default.ok(res.body.errors?.length, `${query} lists the field`);
        }
    });
    (0, node_test_1.it)('serves every filter shape from an index at scale (EXPLAIN over 200,000 rows)', async () => {
        const client = new pg_1.Client({ connectionString: env.databaseUrl });
        await client.connect();
        try {
            await client.query(`
        INSERT INTO jobs (id, status, prompt, owner, created_at, finished_at, deadline_at)
        SELECT gen_random_uuid(),
               (ARRAY['SUCCESS','SUCCESS','SUCCESS','FAILURE','CANCELLED'])[1 + g % 5]::job_status,
               CASE WHEN g % 50000 = 0 THEN 'zanzibar groove ' ELSE 'lo-fi piano beat ' END || g,
               'owner_' || (g % 20),
               now() - make_interval(secs => g * 150),
               now() - make_interval(secs => g * 150 - 30),
               now()
          FROM generate_series(1, 200000) g`);
            await client.query('ANALYZE jobs');
            const cursor = {
                createdAt: '2026-06-01T00:00:00.000000Z',
                id: '5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10',
            };
            const shapes = [
                ['first page', { limit: 20 }, /Index Scan Backward using jobs_created_idx/],
                ['next page', { limit: 20, after: cursor }, /Index Scan Backward using jobs_created_idx/],
                ['one owner', { limit: 20, owner: 'owner_3' }, /jobs_owner_created_idx/],
                [
                    'one owner, next page',
                    { limit: 20, owner: 'owner_3', after: cursor },
                    /jobs_owner_created_idx/,
                ],
                ['one status', { limit: 20, statuses: [job_status_1.JobStatus.Failure] }, /jobs_status_created_idx/],
                [
                    'time window',
                    {
                        limit: 20,
                        createdAfter: '2026-03-01T00:00:00Z',
                        createdBefore: '2026-04-01T00:00:00Z',
                    },
                    /jobs_created_idx/,
                ],
                ['rare word', { limit: 20, text: 'zanzibar' }, /jobs_prompt_trgm_idx/],
            ];
            for (const [name, filter, index] of shapes) {
                const { sql, params } = (0, job_list_query_1.jobListQuery)(filter);
                const plan = (await client.query(`EXPLAIN ${sql}`, params)).rows
                    .map((row) => row['QUERY PLAN'])
                    .join('\n');
                strict_1.default.doesNotMatch(plan, /Seq Scan/, `${name} reads no whole table:\n${plan}`);
                strict_1.default.match(plan, index, `${name} uses ${String(index)}:\n${plan}`);
            }
        }
        finally {
            await client.end();
        }
        const rare = await list('?q=zanzibar&limit=100');
        strict_1.default.equal(rare.items.length, 4);
        strict_1.default.ok(rare.items.every((item) => item.prompt.startsWith('zanzibar groove')));
    });
});
//# sourceMappingURL=jobs-list.e2e.js.map