import type { Role, VoiceName } from './instruments';
import type { StyleName } from './styles';

/**
 * The score of one track: form, harmony and every instrument's notes, composed once per
 * call from its seed and shared by all stems, so they agree bar for bar. Plain data, so it
 * travels to the render threads as it is. Times are in seconds from the start.
 */
export interface NoteEvent {
  time: number;
  duration: number;
  midi: number;
  /** 0-1. */
  velocity: number;
}

export type DrumVoice = 'kick' | 'snare' | 'hat' | 'open' | 'clap' | 'crash';

export interface DrumHit {
  time: number;
  voice: DrumVoice;
  velocity: number;
}

export type SectionName = 'intro' | 'verse' | 'chorus' | 'bridge' | 'outro';

export interface Section {
  name: SectionName;
  startBar: number;
  bars: number;
  /** 0-1: how hard and how full this section plays. */
  energy: number;
}

export interface Part {
  instrument: string;
  role: Role;
  voice: VoiceName;
  pan: number;
  notes: NoteEvent[];
  hits: DrumHit[];
  /** What the bass is, when this is the bass. */
  bassSound?: 'electric' | 'sub' | 'synth' | 'upright';
}

export interface Score {
  seed: number;
  tempo: number;
  key: string;
  style: StyleName;
  bars: number;
  beatSeconds: number;
  /** Length of every stem: the bars plus a tail for the last notes to ring out. */
  seconds: number;
  sections: Section[];
  /** tonal's chord symbol of every bar. */
  chords: string[];
  parts: Part[];
}
