"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ownArrayBuffer = ownArrayBuffer;
exports.transferablesOf = transferablesOf;
exports.runRenderTask = runRenderTask;
const analyze_audio_1 = require("../analysis/analyze-audio");
const mixer_1 = require("../mixer");
const generation_1 = require("../generation");
const wav_1 = require("../wav");
function ownArrayBuffer(bytes) {
    if (bytes.byteOffset === 0 &&
        bytes.byteLength === bytes.buffer.byteLength &&
        bytes.buffer instanceof ArrayBuffer) {
        return bytes.buffer;
    }
    return Uint8Array.prototype.slice.call(bytes).buffer;
}
function transferablesOf(value) {
    switch (value.kind) {
        case 'mix':
            return value.stems;
        case 'analyze':
            return [value.audio];
        case 'wav':
            return [value.wav];
        default:
            return [];
    }
}
function decodeOrReport(bytes, index) {
    try {
        return (0, wav_1.decodeWav)(Buffer.from(bytes));
    }
    catch (error) {
        if (error instanceof wav_1.InvalidAudioError) {
            const invalid = { kind: 'invalid-audio', index, message: error.message };
            return invalid;
        }
        throw error;
    }
}
function runRenderTask(task) {
    switch (task.kind) {
        case 'render-stem':
            return {
                kind: 'wav',
                wav: ownArrayBuffer((0, wav_1.encodeWav)((0, generation_1.renderStem)(task.score, task.instrument), 16)),
            };
        case 'mix': {
            const stems = [];
            for (const [index, bytes] of task.stems.entries()) {
                const decoded = decodeOrReport(bytes, index);
                if ('kind' in decoded)
                    return decoded;
                stems.push(decoded);
            }
            return {
                kind: 'wav',
                wav: ownArrayBuffer((0, wav_1.encodeWav)((0, mixer_1.mixAndMaster)(stems, task.names), 24)),
            };
        }
        case 'analyze': {
            const decoded = decodeOrReport(task.audio, 0);
            if ('kind' in decoded)
                return decoded;
            return { kind: 'features', features: (0, analyze_audio_1.analyzeAudio)(decoded) };
        }
    }
}
//# sourceMappingURL=render-tasks.js.map