"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.STEM_SAMPLE_RATE = void 0;
exports.renderStem = renderStem;
const generation_1 = require("./generation");
Object.defineProperty(exports, "STEM_SAMPLE_RATE", { enumerable: true, get: function () { return generation_1.STEM_SAMPLE_RATE; } });
function renderStem(instrument, spec, bars) {
    const beat = 60 / (spec.tempo ?? 100);
    const score = (0, generation_1.compose)({
        instruments: [instrument],
        tempo: spec.tempo,
        key: spec.key,
        genre: spec.genre ?? null,
        mood: spec.mood,
        seed: 1,
        seconds: bars === undefined ? 30 : bars * 4 * beat,
    });
    const audio = (0, generation_1.renderStem)(score, instrument);
    if (bars === undefined)
        return audio;
    const frames = Math.round(bars * 4 * (60 / score.tempo) * generation_1.STEM_SAMPLE_RATE);
    return { sampleRate: audio.sampleRate, channels: audio.channels.map((c) => c.slice(0, frames)) };
}
//# sourceMappingURL=stem-synth.js.map