import { arrange } from './arrangement';
import { chordOn, parseKey, type ChordTones, type MusicalKey } from './harmony';
import { planOf } from './instruments';
import { melodyNotes, writeMelody } from './melody';
import { writeArp, writeBass, writeComp, writePad, writeDrums } from './parts';
import { seededRandom } from './random';
import type { Part, Score, Section } from './score';
import { styleOf, type Style } from './styles';
import type { Timeline } from './timeline';

/**
 * Composes the score of a track from what the prompt (or the reference track) asked and a
 * seed: the genre's style, the form, a chord per bar, a melody, and one part per instrument.
 */
export interface CompositionRequest {
  instruments: string[];
  /** Named in the prompt or measured on the reference; null lets the genre choose. */
  tempo: number | null;
  key: string | null;
  genre: string | null;
  mood: string | null;
  seed: number;
  /** The track lasts at least this long. */
  seconds: number;
}

const DARK_MOODS = /dark|sad|melanch|mysterious|intense|aggressive|moody/;
const BRIGHT_MOODS = /happy|upbeat|uplifting|sunny|joyful|romantic|groovy/;
/** Room after the last bar for the final chord and the drums' crash to ring out. */
export const TAIL_SECONDS = 1.5;

/** A tempo a band would play: a reference read at 184 or 46 BPM means 92. */
function playableTempo(tempo: number | null, style: Style): number {
  if (tempo === null || !Number.isFinite(tempo) || tempo <= 0) return style.tempo;
  let t = tempo;
  while (t > 200) t /= 2;
  while (t < 50) t *= 2;
  return Math.round(t * 100) / 100;
}

function keyFor(request: CompositionRequest, style: Style): MusicalKey {
  const named = parseKey(request.key, style.minorMode);
  if (named) return named;
  const [tonic, mode] = style.key.split(' ');
  const mood = request.mood ?? '';
  const minor = DARK_MOODS.test(mood) ? true : BRIGHT_MOODS.test(mood) ? false : mode === 'minor';
  return parseKey(`${tonic} ${minor ? 'minor' : 'major'}`, style.minorMode) as MusicalKey;
}

function chordsFor(sections: Section[], key: MusicalKey, style: Style): ChordTones[] {
  const [verse, chorus] = key.minor ? style.progressions.minor : style.progressions.major;
  const chords: ChordTones[] = [];
  for (const section of sections) {
    const progression =
      section.name === 'chorus'
        ? chorus
        : section.name === 'bridge'
          ? [...chorus].reverse()
          : verse;
    for (let b = 0; b < section.bars; b++) {
      const last = section.name === 'outro' && b === section.bars - 1;
      const degree = last ? 1 : progression[b % progression.length];
      chords.push(chordOn(key, degree, style.sevenths && !last));
    }
  }
  return chords;
}

export function compose(request: CompositionRequest): Score {
  const style = styleOf(request.genre);
  const tempo = playableTempo(request.tempo, style);
  const key = keyFor(request, style);
  const beatSeconds = 60 / tempo;
  const sections = arrange(style, 4 * beatSeconds, request.seconds);
  const bars = sections.reduce((sum, s) => sum + s.bars, 0);
  const timeline: Timeline = {
    style,
    key,
    tempo,
    sixteenth: beatSeconds / 4,
    bars,
    sections,
    chords: chordsFor(sections, key, style),
  };
  const random = seededRandom(request.seed);
  const melody = writeMelody(timeline, random);
  const plans = request.instruments.map((instrument) => ({ instrument, plan: planOf(instrument) }));
  const leads = plans.filter((p) => p.plan.role === 'melody');
  // Without a lead instrument, the first that can carry a tune sings it over its chords.
  const carrier = leads.length === 0 ? plans.find((p) => p.plan.canLead) : undefined;

  const parts: Part[] = plans.map(({ instrument, plan }, index) => {
    const sameVoice = plans.slice(0, index).filter((p) => p.plan.voice === plan.voice).length;
    const part: Part = {
      instrument,
      role: plan.role,
      voice: plan.voice,
      pan: Math.max(
        -0.8,
        Math.min(0.8, plan.pan + (sameVoice % 2 === 1 ? -0.5 : 0.3) * Math.sign(sameVoice)),
      ),
      notes: [],
      hits: [],
    };
    const carries = carrier?.instrument === instrument;
    switch (plan.role) {
      case 'drums':
        part.hits = writeDrums(timeline, random);
        break;
      case 'bass':
        part.notes = writeBass(timeline);
        part.bassSound = style.bassSound;
        break;
      case 'melody': {
        const harmony = leads.findIndex((l) => l.instrument === instrument);
        const center = plan.voice === 'choir' ? 67 : plan.voice === 'flute' ? 79 : 74;
        part.notes = melodyNotes(timeline, melody, center, harmony === 0 ? 0 : -2 * harmony);
        break;
      }
      case 'pad':
        part.notes = writePad(timeline, plan.voice === 'strings' ? 64 : 60);
        if (carries) part.notes.push(...melodyNotes(timeline, melody, 76));
        break;
      case 'arp':
        part.notes = writeArp(timeline, 67, plan.voice === 'arp-synth' && tempo < 130 ? 16 : 8);
        if (carries) part.notes = melodyNotes(timeline, melody, 76);
        break;
      case 'chords': {
        const guitar = plan.voice === 'guitar';
        const organInReggae = plan.voice === 'organ' && style.name === 'reggae';
        part.notes = writeComp(timeline, random, {
          center: carries ? 55 : plan.voice === 'organ' ? 62 : 60,
          strum: guitar && style.name !== 'reggae',
          articulation:
            style.name === 'reggae' || plan.voice === 'brass'
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
        if (carries) part.notes.push(...melodyNotes(timeline, melody, 74));
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
    seconds: bars * 4 * beatSeconds + TAIL_SECONDS,
    sections,
    chords: timeline.chords.map((c) => c.symbol),
    parts,
  };
}
