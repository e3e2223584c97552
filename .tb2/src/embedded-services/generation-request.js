"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_INSTRUMENTS = void 0;
exports.compositionRequest = compositionRequest;
exports.DEFAULT_INSTRUMENTS = ['drums', 'bass', 'synth', 'lead'];
const text = (value) => typeof value === 'string' && value.trim() !== '' ? value : null;
const number = (value) => typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
function compositionRequest(spec, style, take) {
    const listed = Array.isArray(spec.instruments)
        ? spec.instruments.filter((i) => text(i) !== null)
        : [];
    return {
        instruments: listed.length > 0 ? [...new Set(listed)] : exports.DEFAULT_INSTRUMENTS,
        tempo: number(spec.tempo) ?? number(style?.tempo),
        key: text(spec.key) ?? text(style?.key),
        genre: text(spec.genre),
        mood: text(spec.mood),
        seed: take.seed,
        seconds: take.seconds,
    };
}
//# sourceMappingURL=generation-request.js.map