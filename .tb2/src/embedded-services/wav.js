"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InvalidAudioError = void 0;
exports.encodeWav = encodeWav;
exports.decodeWav = decodeWav;
exports.downmix = downmix;
class InvalidAudioError extends Error {
}
exports.InvalidAudioError = InvalidAudioError;
const PCM = 1;
const IEEE_FLOAT = 3;
const EXTENSIBLE = 0xfffe;
function encodeWav(audio, bitDepth) {
    const channelCount = audio.channels.length;
    const frames = audio.channels[0]?.length ?? 0;
    const bytesPerSample = bitDepth / 8;
    const dataBytes = frames * channelCount * bytesPerSample;
    const out = Buffer.alloc(44 + dataBytes);
    out.write('RIFF', 0, 'latin1');
    out.writeUInt32LE(36 + dataBytes, 4);
    out.write('WAVE', 8, 'latin1');
    out.write('fmt ', 12, 'latin1');
    out.writeUInt32LE(16, 16);
    out.writeUInt16LE(PCM, 20);
    out.writeUInt16LE(channelCount, 22);
    out.writeUInt32LE(audio.sampleRate, 24);
    out.writeUInt32LE(audio.sampleRate * channelCount * bytesPerSample, 28);
    out.writeUInt16LE(channelCount * bytesPerSample, 32);
    out.writeUInt16LE(bitDepth, 34);
    out.write('data', 36, 'latin1');
    out.writeUInt32LE(dataBytes, 40);
    const max = 2 ** (bitDepth - 1) - 1;
    let offset = 44;
    for (let i = 0; i < frames; i++) {
        for (let c = 0; c < channelCount; c++) {
            const value = Math.round(Math.max(-1, Math.min(1, audio.channels[c][i])) * max);
            if (bitDepth === 16)
                out.writeInt16LE(value, offset);
            else
                out.writeIntLE(value, offset, 3);
            offset += bytesPerSample;
        }
    }
    return out;
}
function decodeWav(buffer) {
    if (buffer.length < 12 ||
        buffer.toString('latin1', 0, 4) !== 'RIFF' ||
        buffer.toString('latin1', 8, 12) !== 'WAVE') {
        throw new InvalidAudioError('not a RIFF/WAVE file');
    }
    let offset = 12;
    let format;
    while (offset + 8 <= buffer.length) {
        const id = buffer.toString('latin1', offset, offset + 4);
        const size = buffer.readUInt32LE(offset + 4);
        const body = offset + 8;
        if (id === 'fmt ') {
            if (size < 16)
                throw new InvalidAudioError('fmt chunk too short');
            let code = buffer.readUInt16LE(body);
            if (code === EXTENSIBLE && size >= 26)
                code = buffer.readUInt16LE(body + 24);
            format = {
                code,
                channels: buffer.readUInt16LE(body + 2),
                sampleRate: buffer.readUInt32LE(body + 4),
                bits: buffer.readUInt16LE(body + 14),
            };
        }
        else if (id === 'data') {
            if (!format)
                throw new InvalidAudioError('data chunk before fmt chunk');
            return decodeSamples(buffer.subarray(body, Math.min(buffer.length, body + size)), format);
        }
        offset = body + size + (size % 2);
    }
    throw new InvalidAudioError('no data chunk');
}
function decodeSamples(data, format) {
    const { code, channels: count, bits, sampleRate } = format;
    const supported = (code === PCM && [8, 16, 24, 32].includes(bits)) || (code === IEEE_FLOAT && bits === 32);
    if (!supported || count < 1 || count > 16 || sampleRate < 1000) {
        throw new InvalidAudioError(`unsupported WAV format (code ${code}, ${bits} bits, ${count} channels, ${sampleRate} Hz)`);
    }
    const bytes = bits / 8;
    const frames = Math.floor(data.length / (bytes * count));
    const channels = Array.from({ length: count }, () => new Float32Array(frames));
    let offset = 0;
    for (let i = 0; i < frames; i++) {
        for (let c = 0; c < count; c++) {
            let value;
            if (code === IEEE_FLOAT)
                value = data.readFloatLE(offset);
            else if (bits === 8)
                value = (data[offset] - 128) / 128;
            else if (bits === 16)
                value = data.readInt16LE(offset) / 32768;
            else if (bits === 24)
                value = data.readIntLE(offset, 3) / 8388608;
            else
                value = data.readInt32LE(offset) / 2147483648;
            channels[c][i] = value;
            offset += bytes;
        }
    }
    return { sampleRate, channels };
}
function downmix(audio) {
    const frames = audio.channels[0]?.length ?? 0;
    const mono = new Float32Array(frames);
    for (const channel of audio.channels)
        for (let i = 0; i < frames; i++)
            mono[i] += channel[i] / audio.channels.length;
    return mono;
}
//# sourceMappingURL=wav.js.map