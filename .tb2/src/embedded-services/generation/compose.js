"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TAIL_SECONDS = void 0;
exports.compose = compose;
const arrangement_1 = require("./arrangement");
const harmony_1 = require("./harmony");
const instruments_1 = require("./instruments");
const melody_1 = require("./melody");
const parts_1 = require("./parts");
const random_1 = require("./random");
const styles_1 = require("./styles");
const DARK_MOODS = /dark|sad|melanch|mysterious|intense|aggressive|moody/;
const BRIGHT_MOODS = /happy|upbeat|uplifting|sunny|joyful|romantic|groovy/;
exports.TAIL_SECONDS = 1.5;
function playableTempo(tempo, style) {
    if (tempo === null || !Number.isFinite(tempo) || tempo <= 0)
        return style.tempo;
    let t = tempo;
    while (t > 200)
        t /= 2;
    while (t < 50)
        t *= 2;
    return Math.round(t * 100) / 100;
}
function keyFor(request, style) {
    const named = (0, harmony_1.parseKey)(request.key, style.minorMode);
    if (named)
        return named;
    const [tonic, mode] = style.key.split(' ');
    const mood = request.mood ?? '';
    const minor = DARK_MOODS.test(mood) ? true : BRIGHT_MOODS.test(mood) ? false : mode === 'minor';
    return (0, harmony_1.parseKey)(`${tonic} ${minor ? 'minor' : 'major'}`, style.minorMode);
}
function chordsFor(sections, key, style) {
    const [verse, chorus] = key.minor ? style.progressions.minor : style.progressions.major;
    const chords = [];
    for (const section of sections) {
        const progression = section.name === 'chorus'
            ? chorus
            : section.name === 'bridge'
                ? [...chorus].reverse()
                : verse;
        for (let b = 0; b < section.bars; b++) {
            const last = section.name === 'outro' && b === section.bars - 1;
            const degree = last ? 1 : progression[b % progression.length];
            chords.push((0, harmony_1.chordOn)(key, degree, style.sevenths && !last));
        }
    }
    return chords;
}
function compose(request) {
    const style = (0, styles_1.styleOf)(request.genre);
    const tempo = playableTempo(request.tempo, style);
    const key = keyFor(request, style);
    const beatSeconds = 60 / tempo;
    const sections = (0, arrangement_1.arrange)(style, 4 * beatSeconds, request.seconds);
    const bars = sections.reduce((sum, s) => sum + s.bars, 0);
    const timeline = {
        style,
        key,
        tempo,
        sixteenth: beatSeconds / 4,
        bars,
        sections,
        chords: chordsFor(sections, key, style),
    };
    const random = (0, random_1.seededRandom)(request.seed);
    const melody = (0, melody_1.writeMelody)(timeline, random);
    const plans = request.instruments.map((instrument) => ({ instrument, plan: (0, instruments_1.planOf)(instrument) }));
    const leads = plans.filter((p) => p.plan.role === 'melody');
    const carrier = leads.length === 0 ? plans.find((p) => p.plan.canLead) : undefined;
    const parts = plans.map(({ instrument, plan }, index) => {
        const sameVoice = plans.slice(0, index).filter((p) => p.plan.voice === plan.voice).length;
        const part = {
            instrument,
            role: plan.role,
            voice: plan.voice,
            pan: Math.max(-0.8, Math.min(0.8, plan.pan + (sameVoice % 2 === 1 ? -0.5 : 0.3) * Math.sign(sameVoice))),
            notes: [],
            hits: [],
        };
        const carries = carrier?.instrument === instrument;
        switch (plan.role) {
            case 'drums':
                part.hits = (0, parts_1.writeDrums)(timeline, random);
                break;
            case 'bass':
                part.notes = (0, parts_1.writeBass)(timeline);
                part.bassSound = style.bassSound;
                break;
            case 'melody': {
                const harmony = leads.findIndex((l) => l.instrument === instrument);
                const center = plan.voice === 'choir' ? 67 : plan.voice === 'flute' ? 79 : 74;
                part.notes = (0, melody_1.melodyNotes)(timeline, melody, center, harmony === 0 ? 0 : -2 * harmony);
                break;
            }
            case 'pad':
                part.notes = (0, parts_1.writePad)(timeline, plan.voice === 'strings' ? 64 : 60);
                if (carries)
                    part.notes.push(...(0, melody_1.melodyNotes)(timeline, melody, 76));
                break;
            case 'arp':
                part.notes = (0, parts_1.writeArp)(timeline, 67, plan.voice === 'arp-synth' && tempo < 130 ? 16 : 8);
                if (carries)
                    part.notes = (0, melody_1.melodyNotes)(timeline, melody, 76);
                break;
            case 'chords': {
                const guitar = plan.voice === 'guitar';
                const organInReggae = plan.voice === 'organ' && style.name === 'reggae';
                part.notes = (0, parts_1.writeComp)(timeline, random, {
                    center: carries ? 55 : plan.voice === 'organ' ? 62 : 60,
                    strum: guitar && style.name !== 'reggae',
                    articulation: style.name === 'reggae' || plan.voice === 'brass'
                        ? 0.45
                        : plan.voice === 'organ'
                            ? 1
                            : 0.95,
                    pattern: organInReggae
                        ? '..x...x...x...x.'
                        : plan.voice === 'organ' || plan.voice === 'strings'
                            ? 'x---------------'
                            : style.comp,
                });
                if (carries)
                    part.notes.push(...(0, melody_1.melodyNotes)(timeline, melody, 74));
                break;
            }
        }
        part.notes.sort((a, b) => a.time - b.time);
        return part;
    });
    return {
        seed: request.seed,
        tempo,
        key: key.name,
        style: style.name,
        bars,
        beatSeconds,
        seconds: bars * 4 * beatSeconds + exports.TAIL_SECONDS,
        sections,
        chords: timeline.chords.map((c) => c.symbol),
        parts,
    };
}
//# sourceMappingURL=compose.js.map