"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.clickTrackWav = clickTrackWav;
exports.silentWav = silentWav;
exports.monoWav = monoWav;
exports.wavFormat = wavFormat;
function clickTrackWav(seconds = 4, bpm = 120, sampleRate = 22_050) {
    const frames = Math.round(seconds * sampleRate);
    const data = Buffer.alloc(frames * 2);
    const beat = Math.round((60 / bpm) * sampleRate);
    for (let i = 0; i < frames; i++) {
        const sinceBeat = i % beat;
        const click = sinceBeat < 400
            ? Math.exp(-sinceBeat / 80) * Math.sin((2 * Math.PI * 1000 * i) / sampleRate)
            : 0;
        const tone = 0.2 * Math.sin((2 * Math.PI * 220 * i) / sampleRate);
        data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, 0.6 * click + tone)) * 32_000), i * 2);
    }
    return monoWav(data, sampleRate);
}
function silentWav(seconds, sampleRate) {
    return monoWav(Buffer.alloc(Math.round(seconds * sampleRate) * 2), sampleRate);
}
function monoWav(data, sampleRate) {
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
function wavFormat(wav) {
    if (wav.toString('latin1', 0, 4) !== 'RIFF' || wav.toString('latin1', 8, 12) !== 'WAVE') {
        throw new Error('not a RIFF/WAVE file');
    }
    let offset = 12;
    let format;
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
            if (!format)
                throw new Error('data before fmt');
            return { ...format, dataBytes: size };
        }
        offset += 8 + size + (size % 2);
    }
    throw new Error('no data chunk');
}
//# sourceMappingURL=wav-fixture.js.map