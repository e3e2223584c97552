/** A short 16-bit mono PCM WAV with a click every beat, built by hand so tests need no audio code of the app. */
export function clickTrackWav(seconds = 4, bpm = 120, sampleRate = 22_050): Buffer {
  const frames = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(frames * 2);
  const beat = Math.round((60 / bpm) * sampleRate);
  for (let i = 0; i < frames; i++) {
    const sinceBeat = i % beat;
    const click =
      sinceBeat < 400
        ? Math.exp(-sinceBeat / 80) * Math.sin((2 * Math.PI * 1000 * i) / sampleRate)
        : 0;
    const tone = 0.2 * Math.sin((2 * Math.PI * 220 * i) / sampleRate);
    data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, 0.6 * click + tone)) * 32_000), i * 2);
  }
  return monoWav(data, sampleRate);
}

/** `seconds` of 16-bit mono silence. */
export function silentWav(seconds: number, sampleRate: number): Buffer {
  return monoWav(Buffer.alloc(Math.round(seconds * sampleRate) * 2), sampleRate);
}

/** 16-bit mono PCM samples with the 44-byte RIFF header in front. */
export function monoWav(data: Buffer, sampleRate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Reads the fmt chunk of a WAV: what a user's player would check. */
export function wavFormat(wav: Buffer): {
  sampleRate: number;
  bitDepth: number;
  channels: number;
  dataBytes: number;
} {
  if (wav.toString('latin1', 0, 4) !== 'RIFF' || wav.toString('latin1', 8, 12) !== 'WAVE') {
    throw new Error('not a RIFF/WAVE file');
  }
  let offset = 12;
  let format: { sampleRate: number; bitDepth: number; channels: number } | undefined;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('latin1', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      format = {
        channels: wav.readUInt16LE(offset + 10),
        sampleRate: wav.readUInt32LE(offset + 12),
        bitDepth: wav.readUInt16LE(offset + 22),
      };
    }
    if (id === 'data') {
      if (!format) throw new Error('data before fmt');
      return { ...format, dataBytes: size };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
}
