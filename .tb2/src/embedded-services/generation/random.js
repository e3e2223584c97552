"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.seedOf = seedOf;
exports.seededRandom = seededRandom;
function seedOf(text) {
    let h = 2_166_136_261;
    for (let i = 0; i < text.length; i++)
        h = Math.imul(h ^ text.charCodeAt(i), 16_777_619);
    return h >>> 0;
}
function seededRandom(seed) {
    let a = 0x9e3779b9;
    let b = 0x243f6a88;
    let c = 0xb7e15162;
    let d = seed >>> 0;
    const next = () => {
        const t = (((a + b) | 0) + d) | 0;
        d = (d + 1) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (c << 21) | (c >>> 11);
        c = (c + t) | 0;
        return (t >>> 0) / 4_294_967_296;
    };
    for (let i = 0; i < 12; i++)
        next();
    return {
        next,
        int: (n) => Math.floor(next() * n),
        chance: (p) => next() < p,
        pick: (items) => items[Math.floor(next() * items.length)],
    };
}
//# sourceMappingURL=random.js.map