"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.writeMelody = writeMelody;
exports.melodyNotes = melodyNotes;
const harmony_1 = require("./harmony");
const timeline_1 = require("./timeline");
const CELLS = [
    'x-x-x---x-x-x---',
    'x--x--x-x---x---',
    'x---x-x-x-------',
    '..x-x-x-x--x----',
    'x-x-x-x-x---x---',
    'x-------x-x-x---',
    '....x-x-x-x-x---',
    'x--x--x---x-x-x-',
];
const CADENCES = ['x-x-x-----------', 'x---x-----------', 'x-x-x-x-x-------'];
const QUICK_CELLS = ['x-xxx---x---x-x-', 'x-x-xxx-x-------'];
function chordDegrees(timeline, chord) {
    const pcs = chord.intervals.map((i) => (chord.root + i) % 12);
    const degrees = [];
    for (let d = -7; d <= 14; d++) {
        const pc = (timeline.key.root + (0, harmony_1.scaleSemitone)(timeline.key, d) + 120) % 12;
        if (pcs.includes(pc))
            degrees.push(d);
    }
    return degrees;
}
function nearest(values, target) {
    return values.reduce((best, v) => (Math.abs(v - target) < Math.abs(best - target) ? v : best));
}
function phrase(timeline, random, section, lift) {
    const cells = timeline.tempo < 100 ? [...CELLS, ...QUICK_CELLS] : CELLS;
    const motif = [random.pick(cells), random.pick(cells)];
    const cadence = random.pick(CADENCES);
    const notes = [];
    let degree = lift + random.pick([0, 2, 4]);
    let motifPitches = [];
    for (let b = 0; b < section.bars; b++) {
        const bar = section.startBar + b;
        const inPhrase = b % 4;
        const last = b === section.bars - 1 || inPhrase === 3;
        const cell = last ? cadence : inPhrase === 2 ? motif[0] : motif[inPhrase];
        const targets = chordDegrees(timeline, timeline.chords[bar]);
        const hits = (0, timeline_1.onsets)(cell);
        const restate = inPhrase === 2 && motifPitches.length === hits.length;
        hits.forEach((hit, i) => {
            const strong = hit.step % 8 === 0 || hit.length >= 4;
            if (restate)
                degree = motifPitches[i];
            else {
                const rise = b < section.bars / 2 ? 0.15 : -0.15;
                const move = random.next() + rise;
                degree += move < 0.12 ? -2 : move < 0.45 ? -1 : move < 0.55 ? 0 : move < 0.88 ? 1 : 2;
                if (random.chance(0.08))
                    degree += random.pick([-4, -3, 3, 4]);
            }
            if (strong || restate)
                degree = nearest(targets, degree);
            degree = Math.max(lift - 3, Math.min(lift + 9, degree));
            if (last && i === hits.length - 1)
                degree = nearest(targets, lift);
            notes.push({
                bar,
                step: hit.step,
                length: hit.length,
                degree,
                velocity: strong ? 0.9 : 0.75,
            });
        });
        if (inPhrase === 0)
            motifPitches = notes.slice(notes.length - hits.length).map((n) => n.degree);
    }
    const final = notes[notes.length - 1];
    if (final) {
        const home = chordDegrees(timeline, timeline.chords[final.bar]).filter((d) => d % 7 === 0);
        if (home.length > 0)
            final.degree = nearest(home, final.degree);
    }
    return notes;
}
function writeMelody(timeline, random) {
    const tunes = new Map();
    const all = [];
    for (const section of timeline.sections) {
        if (section.name === 'intro' || section.name === 'outro')
            continue;
        const lift = section.name === 'chorus' ? 2 : section.name === 'bridge' ? 1 : 0;
        const tune = tunes.get(`${section.name}:${section.bars}`) ?? phrase(timeline, random, section, lift);
        tunes.set(`${section.name}:${section.bars}`, tune);
        const first = tune[0]?.bar ?? section.startBar;
        for (const note of tune)
            all.push({ ...note, bar: note.bar - first + section.startBar });
    }
    return all;
}
function melodyNotes(timeline, melody, center, harmony = 0) {
    const tonic = (0, harmony_1.nearestMidi)(timeline.key.root, center - 3);
    return melody.map((note) => {
        const start = (0, timeline_1.stepTime)(timeline, note.bar, note.step);
        const end = (0, timeline_1.stepTime)(timeline, note.bar, note.step + note.length);
        return {
            time: start,
            duration: Math.max(0.05, (end - start) * 0.92),
            midi: tonic + (0, harmony_1.scaleSemitone)(timeline.key, note.degree + harmony),
            velocity: note.velocity * (harmony === 0 ? 1 : 0.75),
        };
    });
}
//# sourceMappingURL=melody.js.map