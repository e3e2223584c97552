/**
 * What a service that honours `Idempotency-Key` does: the first answer for a key is kept and
 * returned again, and concurrent duplicates share the work in flight. Bounded, oldest out.
 */
export class IdempotencyCache {
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(private readonly capacity = 10_000) {}

  run<T>(key: string | undefined, work: () => Promise<T>): Promise<T> {
    if (!key) return work();
    const known = this.entries.get(key);
    if (known) return known as Promise<T>;
    const pending = work();
    this.entries.set(key, pending);
    // Failures are not answers worth replaying: let the retry do the work again.
    pending.catch(() => this.entries.delete(key));
    if (this.entries.size > this.capacity)
      this.entries.delete(this.entries.keys().next().value as string);
    return pending;
  }
}
