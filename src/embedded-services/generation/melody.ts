import { nearestMidi, scaleSemitone, type ChordTones } from './harmony';
import type { Random } from './random';
import type { NoteEvent, Section } from './score';
import { onsets, stepTime, type Timeline } from './timeline';

/**
 * The tune: a one-bar rhythmic motif stated, answered, restated and resolved in every
 * four-bar phrase, moving mostly by step, landing on chord tones on the strong beats and
 * home on the tonic at the end. A section that returns (a second chorus) sings the same tune.
 */
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
/** Cells that end a phrase: a long last note. */
const CADENCES = ['x-x-x-----------', 'x---x-----------', 'x-x-x-x-x-------'];
/** Sixteenth runs only at tempi where a singer could still sing them. */
const QUICK_CELLS = ['x-xxx---x---x-x-', 'x-x-xxx-x-------'];

interface MelodyNote {
  bar: number;
  step: number;
  length: number;
  /** Scale step above the tonic of the melody's octave. */
  degree: number;
  velocity: number;
}

function chordDegrees(timeline: Timeline, chord: ChordTones): number[] {
  const pcs = chord.intervals.map((i) => (chord.root + i) % 12);
  const degrees: number[] = [];
  for (let d = -7; d <= 14; d++) {
    const pc = (timeline.key.root + scaleSemitone(timeline.key, d) + 120) % 12;
    if (pcs.includes(pc)) degrees.push(d);
  }
  return degrees;
}

function nearest(values: number[], target: number): number {
  return values.reduce((best, v) => (Math.abs(v - target) < Math.abs(best - target) ? v : best));
}

function phrase(timeline: Timeline, random: Random, section: Section, lift: number): MelodyNote[] {
  const cells = timeline.tempo < 100 ? [...CELLS, ...QUICK_CELLS] : CELLS;
  const motif = [random.pick(cells), random.pick(cells)];
  const cadence = random.pick(CADENCES);
  const notes: MelodyNote[] = [];
  let degree = lift + random.pick([0, 2, 4]);
  let motifPitches: number[] = [];
  for (let b = 0; b < section.bars; b++) {
    const bar = section.startBar + b;
    const inPhrase = b % 4;
    const last = b === section.bars - 1 || inPhrase === 3;
    const cell = last ? cadence : inPhrase === 2 ? motif[0] : motif[inPhrase];
    const targets = chordDegrees(timeline, timeline.chords[bar]);
    const hits = onsets(cell);
    // Bar three restates bar one's tune, fitted to its chord.
    const restate = inPhrase === 2 && motifPitches.length === hits.length;
    hits.forEach((hit, i) => {
      const strong = hit.step % 8 === 0 || hit.length >= 4;
      if (restate) degree = motifPitches[i];
      else {
        const rise = b < section.bars / 2 ? 0.15 : -0.15;
        const move = random.next() + rise;
        degree += move < 0.12 ? -2 : move < 0.45 ? -1 : move < 0.55 ? 0 : move < 0.88 ? 1 : 2;
        if (random.chance(0.08)) degree += random.pick([-4, -3, 3, 4]);
      }
      if (strong || restate) degree = nearest(targets, degree);
      degree = Math.max(lift - 3, Math.min(lift + 9, degree));
      if (last && i === hits.length - 1) degree = nearest(targets, lift);
      notes.push({
        bar,
        step: hit.step,
        length: hit.length,
        degree,
        velocity: strong ? 0.9 : 0.75,
      });
    });
    if (inPhrase === 0) motifPitches = notes.slice(notes.length - hits.length).map((n) => n.degree);
  }
  // End the phrase at home: the tonic if the last chord holds it, its nearest chord tone if not.
  const final = notes[notes.length - 1];
  if (final) {
    const home = chordDegrees(timeline, timeline.chords[final.bar]).filter((d) => d % 7 === 0);
    if (home.length > 0) final.degree = nearest(home, final.degree);
  }
  return notes;
}

/** The melody of the whole track, one note list; `offset` shifts it by scale steps (harmony). */
export function writeMelody(timeline: Timeline, random: Random): MelodyNote[] {
  const tunes = new Map<string, MelodyNote[]>();
  const all: MelodyNote[] = [];
  for (const section of timeline.sections) {
    if (section.name === 'intro' || section.name === 'outro') continue;
    const lift = section.name === 'chorus' ? 2 : section.name === 'bridge' ? 1 : 0;
    const tune =
      tunes.get(`${section.name}:${section.bars}`) ?? phrase(timeline, random, section, lift);
    tunes.set(`${section.name}:${section.bars}`, tune);
    const first = tune[0]?.bar ?? section.startBar;
    for (const note of tune) all.push({ ...note, bar: note.bar - first + section.startBar });
  }
  return all;
}

/** The melody as notes, `harmony` scale steps away (a third below is -2), around `center`. */
export function melodyNotes(
  timeline: Timeline,
  melody: MelodyNote[],
  center: number,
  harmony = 0,
): NoteEvent[] {
  const tonic = nearestMidi(timeline.key.root, center - 3);
  return melody.map((note) => {
    const start = stepTime(timeline, note.bar, note.step);
    const end = stepTime(timeline, note.bar, note.step + note.length);
    return {
      time: start,
      duration: Math.max(0.05, (end - start) * 0.92),
      midi: tonic + scaleSemitone(timeline.key, note.degree + harmony),
      velocity: note.velocity * (harmony === 0 ? 1 : 0.75),
    };
  });
}
