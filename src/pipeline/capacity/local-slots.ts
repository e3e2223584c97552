/**
 * A counting semaphore for the calls of one process to an embedded service it mounts
 * itself: those services run in this process, so their limit is this process's own.
 */
export class LocalSlots {
  private inUse = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  /** Runs `call` once a slot is free; the slot is free again when it settles. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    if (this.inUse >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.inUse++;
    try {
      return await call();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.inUse--;
    }
  }
}
