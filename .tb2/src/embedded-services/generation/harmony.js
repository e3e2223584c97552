"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseKey = parseKey;
exports.scaleSemitone = scaleSemitone;
exports.chordOn = chordOn;
exports.voiceChord = voiceChord;
exports.nearestMidi = nearestMidi;
const tonal_1 = require("tonal");
function parseKey(name, minorMode = 'aeolian') {
    const match = /^\s*([a-g](?:#|b)?)\s*(major|minor|maj|min|m)?\s*$/i.exec(name ?? '');
    if (!match)
        return null;
    const tonic = match[1][0].toUpperCase() + match[1].slice(1);
    const minor = /^(minor|min|m)$/i.test(match[2] ?? '');
    const mode = minor ? minorMode : 'major';
    const { intervals, notes: spelling } = tonal_1.Scale.get(`${tonic} ${mode}`);
    const scale = intervals.map((i) => tonal_1.Interval.semitones(i) ?? 0);
    const root = tonal_1.Note.chroma(tonic);
    if (scale.length !== 7 || root === undefined || Number.isNaN(root))
        return null;
    return { name: `${tonic} ${minor ? 'minor' : 'major'}`, tonic, root, minor, scale, spelling };
}
function scaleSemitone(key, step) {
    const octave = Math.floor(step / 7);
    return key.scale[step - octave * 7] + 12 * octave;
}
function chordOn(key, degree, seventh) {
    const base = degree - 1;
    const rootSemitone = scaleSemitone(key, base);
    const steps = seventh ? [0, 2, 4, 6] : [0, 2, 4];
    const intervals = steps.map((s) => scaleSemitone(key, base + s) - rootSemitone);
    const root = (key.root + rootSemitone) % 12;
    const notes = steps.map((s) => key.spelling[(base + s) % 7]);
    const symbol = (tonal_1.Chord.detect(notes)[0] ?? notes.join('-')).replace(/M$/, '');
    return { symbol, root, intervals };
}
function voiceChord(chord, center) {
    return chord.intervals
        .map((interval) => {
        const pc = (chord.root + interval) % 12;
        let midi = pc + 12 * Math.round((center - pc) / 12);
        if (midi - center > 6)
            midi -= 12;
        if (center - midi > 6)
            midi += 12;
        return midi;
    })
        .sort((a, b) => a - b);
}
function nearestMidi(pc, near) {
    return pc + 12 * Math.round((near - pc) / 12);
}
//# sourceMappingURL=harmony.js.map