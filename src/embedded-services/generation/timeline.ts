import type { ChordTones, MusicalKey } from './harmony';
import type { Section } from './score';
import type { Style } from './styles';

/** What every part writer needs to know about a track: its grid, key, chords and form. */
export interface Timeline {
  style: Style;
  key: MusicalKey;
  tempo: number;
  sixteenth: number;
  bars: number;
  sections: Section[];
  /** The chord of every bar. */
  chords: ChordTones[];
}

/** Seconds from the start of sixteenth `step` (0-15, or beyond) of `bar`, swung. */
export function stepTime(timeline: Timeline, bar: number, step: number): number {
  const swing = step % 2 === 1 ? timeline.style.swing * timeline.sixteenth : 0;
  return (bar * 16 + step) * timeline.sixteenth + swing;
}

export function sectionOf(timeline: Timeline, bar: number): Section {
  return (
    timeline.sections.find((s) => bar >= s.startBar && bar < s.startBar + s.bars) ??
    timeline.sections[timeline.sections.length - 1]
  );
}

export function isLastBar(timeline: Timeline, bar: number): boolean {
  return bar === timeline.bars - 1;
}

/**
 * The onsets of a one-bar pattern with their lengths in steps: a hit lasts through the
 * holds (`-`) after it and stops at a rest or the next hit.
 */
export function onsets(pattern: string): { step: number; length: number; velocity: number }[] {
  const steps = [...pattern.padEnd(16, '.')].slice(0, 16);
  const result: { step: number; length: number; velocity: number }[] = [];
  steps.forEach((symbol, step) => {
    if (symbol === '.' || symbol === '-') return;
    let length = 1;
    while (step + length < 16 && steps[step + length] === '-') length++;
    const velocity = /[1-9]/.test(symbol) ? Number(symbol) / 9 : 1;
    result.push({ step, length, velocity });
  });
  return result;
}
