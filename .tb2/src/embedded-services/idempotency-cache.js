"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.IdempotencyCache = void 0;
class IdempotencyCache {
    capacity;
    entries = new Map();
    constructor(capacity = 10_000) {
        this.capacity = capacity;
    }
    run(key, work) {
        if (!key)
            return work();
        const known = this.entries.get(key);
        if (known)
            return known;
        const pending = work();
        this.entries.set(key, pending);
        pending.catch(() => this.entries.delete(key));
        if (this.entries.size > this.capacity)
            this.entries.delete(this.entries.keys().next().value);
        return pending;
    }
}
exports.IdempotencyCache = IdempotencyCache;
//# sourceMappingURL=idempotency-cache.js.map