"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.analyzeAudio = analyzeAudio;
const wav_1 = require("../wav");
const chroma_1 = require("./chroma");
const key_1 = require("./key");
const onset_strength_1 = require("./onset-strength");
const sections_1 = require("./sections");
const spectrogram_1 = require("./spectrogram");
const tempo_1 = require("./tempo");
const ONSET_FRAME = 512;
const ONSET_HOP = 128;
const PITCH_FRAME = 4096;
const PITCH_HOP = 1024;
function analyzeAudio(audio) {
    const signal = (0, spectrogram_1.decimate)((0, wav_1.downmix)(audio), audio.sampleRate);
    const duration = signal.samples.length / signal.rate;
    const scale = Math.max(1, Math.round(11_025 / signal.rate));
    const onsetSpectrum = (0, spectrogram_1.powerSpectrogram)(signal, ONSET_FRAME / scale, ONSET_HOP / scale);
    const pitchSpectrum = (0, spectrogram_1.powerSpectrogram)(signal, PITCH_FRAME / scale, PITCH_HOP / scale);
    const chroma = (0, chroma_1.chromagram)(pitchSpectrum);
    const levels = (0, onset_strength_1.melLevels)(onsetSpectrum);
    return {
        tempo: (0, tempo_1.estimateTempo)((0, onset_strength_1.onsetStrength)(levels)),
        key: (0, key_1.estimateKey)(chroma),
        segments: (0, sections_1.findSections)(chroma, levels, duration),
    };
}
//# sourceMappingURL=analyze-audio.js.map