"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const loudness_1 = require("../audio/loudness");
const stereo_1 = require("../audio/stereo");
const true_peak_1 = require("../audio/true-peak");
const mixer_1 = require("./mixer");
const RATE = 44_100;
function pluckedStem(frequency, seconds, channels = 1) {
    const frames = seconds * RATE;
    const left = new Float32Array(frames);
    const beat = RATE / 2;
    for (let n = 0; n < frames; n++) {
        const t = (n % beat) / RATE;
        left[n] = 0.6 * Math.exp(-t * 6) * Math.sin(2 * Math.PI * frequency * (n / RATE));
    }
    if (channels === 1)
        return { sampleRate: RATE, channels: [left] };
    const right = left.map((v, n) => v * (0.5 + 0.5 * Math.cos(n / 5000)));
    return { sampleRate: RATE, channels: [left, right] };
}
(0, node_test_1.describe)('embedded mixing and mastering', () => {
    const names = ['job_1_drums.wav', 'job_1_bass.wav', 'job_1_piano.wav', 'job_1_lead.wav'];
    const stems = [
        pluckedStem(3000, 12),
        pluckedStem(55, 12),
        pluckedStem(261.6, 12, 2),
        pluckedStem(523.3, 12),
    ];
    const master = (0, mixer_1.mixAndMaster)(stems, names);
    (0, node_test_1.it)('masters to -14 LUFS +-0.5 under -1.2 dBTP, 48 kHz stereo', () => {
        strict_1.default.equal(master.sampleRate, mixer_1.MASTER_SAMPLE_RATE);
        strict_1.default.equal(master.channels.length, 2);
        const loudness = (0, loudness_1.integratedLoudness)(master.channels, mixer_1.MASTER_SAMPLE_RATE);
        strict_1.default.ok(Math.abs(loudness + 14) <= 0.5, `loudness ${loudness.toFixed(2)} LUFS`);
        const peak = (0, true_peak_1.toDb)((0, true_peak_1.truePeak)(master.channels));
        strict_1.default.ok(peak <= -1.2 + 1e-6, `true peak ${peak.toFixed(2)} dBTP`);
    });
    (0, node_test_1.it)('keeps a stereo image (left/right correlation at most 0.9) from mono stems', () => {
        const correlation = (0, stereo_1.stereoCorrelation)(master.channels);
        strict_1.default.ok(correlation <= 0.9, `correlation ${correlation.toFixed(3)}`);
        strict_1.default.ok(correlation > 0.2, `still one track, not two: ${correlation.toFixed(3)}`);
    });
    (0, node_test_1.it)('lasts as long as the longest stem, with the reverb tail after it', () => {
        const seconds = master.channels[0].length / mixer_1.MASTER_SAMPLE_RATE;
        strict_1.default.ok(seconds >= 12 && seconds <= 13, `${seconds} s`);
    });
    (0, node_test_1.it)('is the same master for the same stems', () => {
        const again = (0, mixer_1.mixAndMaster)(stems, names);
        strict_1.default.deepEqual(again.channels[1], master.channels[1]);
    });
    (0, node_test_1.it)('mixes each stem by the role its instrument plays', () => {
        strict_1.default.equal((0, mixer_1.roleOf)('/stems/job_3f9c_drums.wav'), 'drums');
        strict_1.default.equal((0, mixer_1.roleOf)('job_3f9c_bass.wav'), 'bass');
        strict_1.default.equal((0, mixer_1.roleOf)('strings'), 'pad');
        strict_1.default.equal((0, mixer_1.roleOf)('Piano'), 'harmony');
        strict_1.default.equal((0, mixer_1.roleOf)('lead'), 'lead');
        strict_1.default.equal((0, mixer_1.roleOf)('theremin'), 'other');
    });
});
//# sourceMappingURL=mixer.spec.js.map