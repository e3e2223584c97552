import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { agreementTable, BaselineResult, runBaseline } from './baseline';
import { BenchEnv } from './bench-env';
import { installSignalHandlers, onCleanup, runCleanup } from './cleanup';
import { Context, DRAIN_MS } from './context';
import { Flags, parseFlags } from './flags';
import { closeHttpClient } from './http-client';
import { pickTool } from './loadgen';
import { describeRun } from './machine';
import { capacityPhase, capacityTable } from './phase-capacity';
import { costPhase } from './phase-cost';
import { embeddedLine, embeddedPhase } from './phase-embedded';
import { e2eLatency, e2eThroughput } from './phase-e2e';
import { abTable, buildAbPhase, linesAbPhase } from './phase-ab';
import { createBench, listBench, statusBench, successIds } from './phase-http';
import { backlogPhase, soakPhase } from './phase-memory';
import { seedPhase } from './phase-seed';
import { ratios, Results, table } from './report';
import { fmt } from './stats';
import { startStub } from './stub-server';

/**
 * `npm run bench`: the orchestrator's production build against a zero-latency stub of its
 * four services, in a private database and queue prefix. Phases, in order: the bare-stack
 * kit of bench/kit (with --baseline; --baseline PATH runs the bench-limits kit at PATH
 * too); create and status load on an API-only process; end-to-end throughput and low-load
 * latency with a separate worker; SQL and Redis cost per job on the wire; worker RSS with a
 * backlog and over a sustained run; health and status latency while tracks render on the
 * embedded services (--embedded-only runs that alone); capacity-aware dispatch against a
 * service of capacity 2 (--capacity-only runs that alone); and with --seed-rows the HTTP
 * figures again over a large table. Writes --out and prints a table.
 */

function profileArgs(flags: Flags, role: string): string[] {
  if (!flags.cpuProfDir) return [];
  mkdirSync(flags.cpuProfDir, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${flags.cpuProfDir}`, `--cpu-prof-name=${role}.cpuprofile`];
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  installSignalHandlers();
  if (!existsSync(flags.app))
    throw new Error(`${flags.app} does not exist: run npm run build first, or pass --app`);
  if (flags.abApp && !existsSync(flags.abApp))
    throw new Error(`${flags.abApp} does not exist: build that checkout first (npm run build)`);
  const tool = pickTool(flags.loadTool);
  const started = Date.now();

  const env = new BenchEnv();
  await env.setUp();
  const stub = await startStub();
  onCleanup('stub', () => stub.stop());
  const ctx = new Context(flags, env, stub, tool);
  ctx.log(`database ${env.name}, queue prefix ${env.queuePrefix}, load tool ${tool}`);
  const meta = await describeRun(env, flags, tool);

  const baseline = flags.baseline ? await runBaseline(ctx, flags.referenceKit) : undefined;
  if (baseline && flags.baselineOnly) {
    writeResults(flags, {
      meta: { ...meta, total_seconds: (Date.now() - started) / 1000 },
      baseline,
    });
    printBaseline(baseline);
    process.stdout.write(`written to ${flags.out}\n`);
    return;
  }

  if (flags.embeddedOnly) {
    const embedded = await embeddedPhase(ctx);
    writeResults(flags, {
      meta: { ...meta, total_seconds: (Date.now() - started) / 1000 },
      results: { embedded },
      notes: ctx.notes,
    });
    process.stdout.write(`\n${embeddedLine(embedded)}\nwritten to ${flags.out}\n`);
    return;
  }

  if (flags.capacityOnly) {
    const capacity = await capacityPhase(ctx);
    writeResults(flags, {
      meta: { ...meta, total_seconds: (Date.now() - started) / 1000 },
      results: { capacity },
      notes: ctx.notes,
    });
    process.stdout.write(`\n${capacityTable(capacity)}\n\nwritten to ${flags.out}\n`);
    return;
  }

  if (flags.linesAb || flags.abApp) {
    const ab = flags.abApp ? await buildAbPhase(ctx, flags.abApp) : await linesAbPhase(ctx);
    writeResults(flags, {
      meta: { ...meta, total_seconds: (Date.now() - started) / 1000 },
      results: { ab },
      notes: ctx.notes,
    });
    process.stdout.write(`\n${abTable(ab)}\n\nwritten to ${flags.out}\n`);
    return;
  }

  const api = await ctx.start('api', { nodeArgs: profileArgs(flags, 'api') });
  const create = await createBench(ctx, api);
  const worker = await ctx.start('worker', { nodeArgs: profileArgs(flags, 'worker') });
  const e2e = await e2eThroughput(ctx, api, worker);
  const latency = await e2eLatency(ctx, api);
  const status = await statusBench(ctx, api, await successIds(ctx));
  const list = await listBench(ctx, api);
  await worker.stop(DRAIN_MS);

  const cost = await costPhase(ctx);
  const backlog = await backlogPhase(ctx, api);
  const soak = await soakPhase(ctx, api, backlog.worker);
  await backlog.worker.stop(DRAIN_MS);

  const embedded = await embeddedPhase(ctx);
  const capacity = await capacityPhase(ctx);

  const seeded = flags.seedRows > 0 ? await seedPhase(ctx, api, { create, status }) : undefined;
  await api.stop(DRAIN_MS);

  const results: Results = {
    create,
    status,
    list,
    e2e_throughput: e2e,
    e2e_latency: latency,
    cost,
    memory: { backlog: backlog.result, soak },
    embedded,
    capacity,
    seeded,
    baseline,
  };
  const q = ratios(results);
  const output = {
    meta: { ...meta, total_seconds: (Date.now() - started) / 1000 },
    results,
    ratios: q,
    notes: ctx.notes,
  };
  writeResults(flags, output);

  const m = meta.machine;
  process.stdout.write(
    `\n${m.cores} x ${m.cpu_model}, ${m.mem_gb} GiB, Linux ${m.kernel}; Node ${meta.versions.node}, ` +
      `PostgreSQL ${meta.versions.postgres}, Redis ${meta.versions.redis}; ${meta.date}; ` +
      `${flags.reps} rep(s), median shown; load tool ${tool}\n\n` +
      `${table(results, q, flags)}\n\n${embeddedLine(embedded)}\n\n${capacityTable(capacity)}\n\n` +
      (baseline?.reference ? `${agreementTable(baseline.reference.agreement)}\n\n` : '') +
      (ctx.notes.length ? `Notes:\n${ctx.notes.map((n) => `- ${n}`).join('\n')}\n\n` : '') +
      `ratios: ${JSON.stringify(q)}\nwritten to ${flags.out} (${output.meta.total_seconds.toFixed(0)} s)\n`,
  );
}

function writeResults(flags: Flags, output: unknown): void {
  mkdirSync(dirname(flags.out), { recursive: true });
  writeFileSync(flags.out, `${JSON.stringify(output, null, 2)}\n`);
}

/** --baseline-only: the bare kit's medians, and the comparison with the reference kit if run. */
function printBaseline(baseline: BaselineResult): void {
  const create = baseline.http.createjob.median;
  const e2e = baseline.pipeline.e2e_4step.median;
  const latency = baseline.pipeline.e2e_latency.median;
  process.stdout.write(
    `\nbare create: ${fmt(create.rps)} req/s, p50 ${fmt(create.p50ms, 2)} ms, p99 ${fmt(create.p99ms, 2)} ms\n` +
      `bare pipeline: ${fmt(e2e.jobsPerSec)} jobs/s, ${fmt(e2e.machineUsPerJob)} us machine CPU per job; ` +
      `latency p50 ${fmt(latency.p50ms, 1)} ms, p99 ${fmt(latency.p99ms, 1)} ms\n\n` +
      (baseline.reference ? `${agreementTable(baseline.reference.agreement)}\n` : ''),
  );
}

main()
  .then(async () => {
    closeHttpClient();
    await runCleanup();
    process.exit(0);
  })
  .catch(async (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    closeHttpClient();
    await runCleanup();
    process.exit(1);
  });
