import { Injectable } from '@nestjs/common';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';

/** Events read per query; the scan repeats at once while it keeps filling batches. */
const SCAN_BATCH = 1_000;
/**
 * An id skipped by the scan is rechecked this long before it is taken for a rolled-back
 * insert: every event is written by one short statement, so it commits well within this.
 */
export const GAP_SETTLE_MS = 5 * 60_000;
/** Bounds the memory of a burst of rolled-back ids; the oldest are forgotten first. */
const MAX_GAPS = 10_000;

/**
 * Turns new `job_events` into webhook deliveries. It walks the events by primary key from
 * a cursor, so each event is read about once whatever the table size. Ids are taken from a
 * sequence before their statement commits, so a scan can see id 11 before 10 commits: ids
 * skipped that way are remembered and rechecked until they appear or settle.
 */
@Injectable()
export class WebhookEventScanner {
  private cursor?: bigint;
  /** Skipped event id → when it was first skipped (ms). */
  private readonly gaps = new Map<string, number>();

  constructor(private readonly deliveries: WebhookDeliveriesRepository) {}

  /** One pass up to the newest event; returns how many deliveries it created. */
  async scan(now = Date.now): Promise<number> {
    let cursor = this.cursor ?? BigInt(await this.deliveries.findScanStart(GAP_SETTLE_MS));
    let created = 0;
    try {
      for (;;) {
        this.forgetSettledGaps(now());
        const batch = await this.deliveries.createDeliveriesForEvents(
          cursor.toString(),
          [...this.gaps.keys()],
          SCAN_BATCH,
        );
        created += batch.created;
        let fresh = 0;
        for (const id of batch.ids.map(BigInt)) {
          if (id <= cursor) {
            this.gaps.delete(id.toString());
            continue;
          }
          this.rememberSkipped(cursor, id, now());
          cursor = id;
          fresh++;
        }
        if (fresh < SCAN_BATCH) return created;
      }
    } finally {
      this.cursor = cursor;
    }
  }

  /** Ids strictly between two consecutive ids seen. */
  private rememberSkipped(previous: bigint, next: bigint, at: number): void {
    const from = next - previous > MAX_GAPS ? next - BigInt(MAX_GAPS) : previous + 1n;
    for (let id = from; id < next; id++) this.gaps.set(id.toString(), at);
    for (const id of this.gaps.keys()) {
      if (this.gaps.size <= MAX_GAPS) break;
      this.gaps.delete(id);
    }
  }

  private forgetSettledGaps(now: number): void {
    for (const [id, since] of this.gaps) {
      if (now - since < GAP_SETTLE_MS) break; // insertion order is age order
      this.gaps.delete(id);
    }
  }

  /** For tests and logs: how many skipped ids are being watched. */
  get watchedGaps(): number {
    return this.gaps.size;
  }
}
