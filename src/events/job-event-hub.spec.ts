import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppConfig } from '../config/app-config';
import type { JobEventsNotifier } from '../jobs/job-events.notifier';
import type { JobEventFeedRepository, JobEventRow } from './job-event-feed.repository';
import { EventWatcher, JobEventHub } from './job-event-hub';

const JOB = '5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10';

function row(id: number): JobEventRow {
  return { id: String(id), job_id: JOB, type: 'step.started', data: {}, created_at: new Date() };
}

/** A job_events table in memory that counts reads, and a notifier the test triggers. */
function setUp(stored: JobEventRow[]) {
  let reads = 0;
  const after = (afterId: string, limit: number) =>
    stored.filter((r) => BigInt(r.id) > BigInt(afterId)).slice(0, limit);
  const feed = {
    eventsAfter: (_jobId: string, afterId: string, limit: number) => {
      reads++;
      return Promise.resolve(after(afterId, limit));
    },
    eventsAfterEach: (afterIds: ReadonlyMap<string, string>, limit: number) => {
      reads++;
      return Promise.resolve([...afterIds.values()].flatMap((id) => after(id, limit)));
    },
  } as unknown as JobEventFeedRepository;
  let changed: (jobId: string) => void = () => undefined;
  const notifier = {
    onChange: (listener: (jobId: string) => void) => {
      changed = listener;
      return () => undefined;
    },
  } as unknown as JobEventsNotifier;
  const hub = new JobEventHub(feed, notifier, new AppConfig({ APP_ROLE: 'api' }, false));
  return { hub, notify: () => changed(JOB), reads: () => reads };
}

class Watcher implements EventWatcher {
  readonly got: string[] = [];
  constructor(public lastId: string) {}
  receive(rows: JobEventRow[]): void {
    for (const r of rows) this.got.push(r.id);
    this.lastId = rows[rows.length - 1].id;
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('job event hub', () => {
  it('reads a job once per change for all its watchers, each getting every later event once', async () => {
    const stored = [row(1), row(2), row(3)];
    const { hub, notify, reads } = setUp(stored);
    const watchers = Array.from({ length: 50 }, () => new Watcher('3'));
    for (const w of watchers) hub.watch(JOB, w);
    await settle();
    const readsAfterJoin = reads();
    stored.push(row(4), row(5));
    notify();
    await settle();
    assert.equal(reads() - readsAfterJoin, 1, 'one read for fifty watchers');
    for (const w of watchers) assert.deepEqual(w.got, ['4', '5']);
  });

  it('gives a watcher that joins behind the others what it missed, without gaps or repeats', async () => {
    const stored = [row(1), row(2), row(3), row(4)];
    const { hub } = setUp(stored);
    const ahead = new Watcher('4');
    const behind = new Watcher('1');
    hub.watch(JOB, ahead);
    hub.watch(JOB, behind); // joins while the read after 4 is under way
    await settle();
    stored.push(row(5));
    hub.watch(JOB, new Watcher('5'));
    await settle();
    assert.deepEqual(behind.got, ['2', '3', '4', '5']);
    assert.deepEqual(ahead.got, ['5']);
  });
});
