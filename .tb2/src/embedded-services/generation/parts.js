"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.writeBass = writeBass;
exports.writeComp = writeComp;
exports.writePad = writePad;
exports.writeArp = writeArp;
exports.writeDrums = writeDrums;
const harmony_1 = require("./harmony");
const styles_1 = require("./styles");
const timeline_1 = require("./timeline");
function note(time, end, midi, velocity) {
    return { time, duration: Math.max(0.04, end - time), midi, velocity };
}
function writeBass(timeline) {
    const notes = [];
    for (let bar = 0; bar < timeline.bars; bar++) {
        const section = (0, timeline_1.sectionOf)(timeline, bar);
        if (section.name === 'intro' && timeline.sections.length > 2)
            continue;
        const chord = timeline.chords[bar];
        const next = timeline.chords[Math.min(bar + 1, timeline.bars - 1)];
        const root = Math.max(33, Math.min(45, (0, harmony_1.nearestMidi)(chord.root, 39)));
        const pattern = (0, timeline_1.isLastBar)(timeline, bar) || section.name === 'outro'
            ? 'R---------------'
            : timeline.style.bass;
        const steps = [...pattern];
        for (const hit of (0, timeline_1.onsets)(pattern.replace(/[R583A]/g, 'x'))) {
            const symbol = steps[hit.step];
            const third = chord.intervals[1] ?? 4;
            const midi = symbol === '5'
                ? root + 7 > 47
                    ? root - 5
                    : root + 7
                : symbol === '8'
                    ? root + 12
                    : symbol === '3'
                        ? root + third
                        : symbol === 'A'
                            ? (0, harmony_1.nearestMidi)(next.root, root) - 1
                            : root;
            const end = (0, timeline_1.stepTime)(timeline, bar, hit.step + hit.length) - 0.01;
            notes.push(note((0, timeline_1.stepTime)(timeline, bar, hit.step), end, midi, 0.75 + 0.25 * section.energy));
        }
    }
    return notes;
}
function writeComp(timeline, random, options) {
    const notes = [];
    let center = options.center;
    for (let bar = 0; bar < timeline.bars; bar++) {
        const section = (0, timeline_1.sectionOf)(timeline, bar);
        const sparse = section.name === 'intro' || section.name === 'outro' || (0, timeline_1.isLastBar)(timeline, bar);
        const pattern = sparse ? 'x---------------' : options.pattern;
        const voicing = (0, harmony_1.voiceChord)(timeline.chords[bar], center);
        center = Math.round((center * 3 + voicing[1]) / 4);
        for (const hit of (0, timeline_1.onsets)(pattern)) {
            const start = (0, timeline_1.stepTime)(timeline, bar, hit.step);
            const length = (0, timeline_1.stepTime)(timeline, bar, hit.step + hit.length) - start;
            const velocity = (0.55 + 0.35 * section.energy) * (hit.step % 4 === 0 ? 1 : 0.85);
            const up = options.strum && hit.step % 4 !== 0;
            const ordered = up ? [...voicing].reverse() : voicing;
            ordered.forEach((midi, i) => {
                const time = start + (options.strum ? i * 0.012 : 0) + random.next() * 0.004;
                notes.push(note(time, start + length * (sparse ? 1 : options.articulation), midi, velocity));
            });
            if (!sparse && section.name === 'chorus' && !options.strum)
                notes.push(note(start, start + length * options.articulation, voicing[0] - 12, velocity * 0.7));
        }
    }
    return notes;
}
function writePad(timeline, center) {
    const notes = [];
    let bar = 0;
    while (bar < timeline.bars) {
        let end = bar + 1;
        while (end < timeline.bars && timeline.chords[end].symbol === timeline.chords[bar].symbol)
            end++;
        const section = (0, timeline_1.sectionOf)(timeline, bar);
        const voicing = (0, harmony_1.voiceChord)(timeline.chords[bar], center);
        const start = (0, timeline_1.stepTime)(timeline, bar, 0);
        const stop = (0, timeline_1.stepTime)(timeline, end, 0);
        for (const midi of voicing)
            notes.push(note(start, stop, midi, 0.5 + 0.3 * section.energy));
        if (section.name === 'chorus')
            notes.push(note(start, stop, voicing[voicing.length - 1] + 12, 0.4));
        bar = end;
    }
    return notes;
}
function writeArp(timeline, center, rate) {
    const notes = [];
    const shape = [0, 1, 2, 3, 4, 3, 2, 1];
    for (let bar = 0; bar < timeline.bars; bar++) {
        const section = (0, timeline_1.sectionOf)(timeline, bar);
        const voicing = (0, harmony_1.voiceChord)(timeline.chords[bar], center);
        const tones = [...voicing, ...voicing.map((m) => m + 12)];
        const step = section.name === 'chorus' && rate === 16 ? 1 : 2;
        const last = (0, timeline_1.isLastBar)(timeline, bar);
        for (let s = 0, i = 0; s < 16; s += step, i++) {
            if (last && s > 0)
                break;
            const start = (0, timeline_1.stepTime)(timeline, bar, s);
            const end = last ? (0, timeline_1.stepTime)(timeline, bar, 16) : (0, timeline_1.stepTime)(timeline, bar, s + step);
            const velocity = (0.5 + 0.4 * section.energy) * (s % 4 === 0 ? 1 : 0.8);
            notes.push(note(start, end, tones[shape[i % shape.length] % tones.length], velocity));
        }
    }
    return notes;
}
const DRUM_VOICES = [
    'kick',
    'snare',
    'hat',
    'open',
    'clap',
];
function drumPattern(timeline) {
    const kit = timeline.style.drums ?? {
        kick: '9.......9.......',
        snare: '....7.......7...',
        hat: '5.3.5.3.5.3.5.3.',
        open: '................',
        clap: '................',
    };
    return {
        kick: (0, styles_1.stepVelocities)(kit.kick),
        snare: (0, styles_1.stepVelocities)(kit.snare),
        hat: (0, styles_1.stepVelocities)(kit.hat),
        open: (0, styles_1.stepVelocities)(kit.open),
        clap: (0, styles_1.stepVelocities)(kit.clap),
    };
}
function writeDrums(timeline, random) {
    const hits = [];
    const pattern = drumPattern(timeline);
    const hit = (bar, step, voice, velocity) => hits.push({
        time: Math.max(0, (0, timeline_1.stepTime)(timeline, bar, step) + (random.next() - 0.5) * 0.003),
        voice,
        velocity: Math.min(1, velocity * (0.92 + random.next() * 0.16)),
    });
    for (let bar = 0; bar < timeline.bars; bar++) {
        const section = (0, timeline_1.sectionOf)(timeline, bar);
        const sectionBar = bar - section.startBar;
        if ((0, timeline_1.isLastBar)(timeline, bar)) {
            hit(bar, 0, 'kick', 1);
            hit(bar, 0, 'crash', 0.8);
            continue;
        }
        if (sectionBar === 0 && (section.name === 'chorus' || section.name === 'verse') && bar > 0)
            hit(bar, 0, 'crash', section.name === 'chorus' ? 0.8 : 0.55);
        const quiet = section.name === 'intro' || section.name === 'outro';
        const fill = sectionBar === section.bars - 1 && !quiet && section.bars >= 2;
        for (const voice of DRUM_VOICES) {
            if (quiet && (voice === 'snare' || voice === 'clap' || voice === 'open'))
                continue;
            pattern[voice].forEach((velocity, step) => {
                if (velocity === 0)
                    return;
                if (fill && step >= 12 && voice !== 'hat' && voice !== 'kick')
                    return;
                if (quiet && voice === 'kick' && step % 8 !== 0)
                    return;
                hit(bar, step, voice, velocity * (0.75 + 0.25 * section.energy));
            });
        }
        if (fill)
            for (const step of [12, 13, 14, 15])
                hit(bar, step, 'snare', 0.45 + (step - 12) * 0.15);
        else if (!quiet && random.chance(0.5))
            hit(bar, random.pick([7, 11, 15]), 'snare', 0.18);
    }
    return hits.sort((a, b) => a.time - b.time);
}
//# sourceMappingURL=parts.js.map