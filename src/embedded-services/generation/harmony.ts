import { Chord, Interval, Note, Scale } from 'tonal';

/**
 * Keys, scales and chords, with `tonal` for the theory (spelling, modes, chord names): a key
 * as its tonic and scale, a chord as a scale degree stacked in thirds.
 */
export interface MusicalKey {
  /** As the spec writes it: "C minor", "F# major". */
  name: string;
  tonic: string;
  /** Pitch class of the tonic, 0 = C. */
  root: number;
  minor: boolean;
  /** Semitones above the tonic of the seven scale degrees. */
  scale: number[];
  /** The degrees' note names, spelled as the key spells them ("F#", not "Gb", in A major). */
  spelling: string[];
}

export interface ChordTones {
  /** tonal's symbol, e.g. "Cm7", for a person reading the score. */
  symbol: string;
  /** Pitch class of the chord's root. */
  root: number;
  /** Semitones above the root: [0, 3, 7] or [0, 3, 7, 10]. */
  intervals: number[];
}

/** A key from a name like "Bb minor", "F#", "a minor"; null when it is not one. */
export function parseKey(
  name: string | null | undefined,
  minorMode = 'aeolian',
): MusicalKey | null {
  const match = /^\s*([a-g](?:#|b)?)\s*(major|minor|maj|min|m)?\s*$/i.exec(name ?? '');
  if (!match) return null;
  const tonic = match[1][0].toUpperCase() + match[1].slice(1);
  const minor = /^(minor|min|m)$/i.test(match[2] ?? '');
  const mode = minor ? minorMode : 'major';
  const { intervals, notes: spelling } = Scale.get(`${tonic} ${mode}`);
  const scale = intervals.map((i) => Interval.semitones(i) ?? 0);
  const root = Note.chroma(tonic);
  if (scale.length !== 7 || root === undefined || Number.isNaN(root)) return null;
  return { name: `${tonic} ${minor ? 'minor' : 'major'}`, tonic, root, minor, scale, spelling };
}

/** Semitones above the tonic of scale step `step` (0-based, any octave, negatives too). */
export function scaleSemitone(key: MusicalKey, step: number): number {
  const octave = Math.floor(step / 7);
  return key.scale[step - octave * 7] + 12 * octave;
}

/** The chord on scale degree `degree` (1-7), a triad or a seventh chord of the key's scale. */
export function chordOn(key: MusicalKey, degree: number, seventh: boolean): ChordTones {
  const base = degree - 1;
  const rootSemitone = scaleSemitone(key, base);
  const steps = seventh ? [0, 2, 4, 6] : [0, 2, 4];
  const intervals = steps.map((s) => scaleSemitone(key, base + s) - rootSemitone);
  const root = (key.root + rootSemitone) % 12;
  const notes = steps.map((s) => key.spelling[(base + s) % 7]);
  const symbol = (Chord.detect(notes)[0] ?? notes.join('-')).replace(/M$/, '');
  return { symbol, root, intervals };
}

/**
 * A voicing of a chord around `center` (MIDI), each tone at the octave nearest the previous
 * voicing's centre, so chords move by small steps the way a player's hand does.
 */
export function voiceChord(chord: ChordTones, center: number): number[] {
  return chord.intervals
    .map((interval) => {
      const pc = (chord.root + interval) % 12;
      let midi = pc + 12 * Math.round((center - pc) / 12);
      if (midi - center > 6) midi -= 12;
      if (center - midi > 6) midi += 12;
      return midi;
    })
    .sort((a, b) => a - b);
}

/** MIDI note of pitch class `pc` nearest to `near`. */
export function nearestMidi(pc: number, near: number): number {
  return pc + 12 * Math.round((near - pc) / 12);
}
