"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LocalSlots = void 0;
class LocalSlots {
    limit;
    inUse = 0;
    waiting = [];
    constructor(limit) {
        this.limit = limit;
    }
    async run(call) {
        if (this.inUse >= this.limit)
            await new Promise((resolve) => this.waiting.push(resolve));
        else
            this.inUse++;
        try {
            return await call();
        }
        finally {
            const next = this.waiting.shift();
            if (next)
                next();
            else
                this.inUse--;
        }
    }
}
exports.LocalSlots = LocalSlots;
//# sourceMappingURL=local-slots.js.map