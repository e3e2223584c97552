"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const loudness_1 = require("./loudness");
const test_signals_1 = require("./test-signals");
const true_peak_1 = require("./true-peak");
const lufs = (channels) => (0, loudness_1.integratedLoudness)(channels, test_signals_1.RATE);
(0, node_test_1.describe)('integrated loudness (EBU Tech 3341 cases)', () => {
    (0, node_test_1.it)('reads a stereo 1 kHz sine at -23 dBFS as -23.0 LUFS (case 1)', () => {
        strict_1.default.ok(Math.abs(lufs((0, test_signals_1.toneSequence)([{ seconds: 20, dbfs: -23 }])) + 23) <= 0.1);
    });
    (0, node_test_1.it)('reads a stereo 1 kHz sine at -33 dBFS as -33.0 LUFS (case 2)', () => {
        strict_1.default.ok(Math.abs(lufs((0, test_signals_1.toneSequence)([{ seconds: 20, dbfs: -33 }])) + 33) <= 0.1);
    });
    (0, node_test_1.it)('gates out quieter tones 10 LU under (case 3: -36, -23, -36 dBFS)', () => {
        const reading = lufs((0, test_signals_1.toneSequence)([
            { seconds: 10, dbfs: -36 },
            { seconds: 60, dbfs: -23 },
            { seconds: 10, dbfs: -36 },
        ]));
        strict_1.default.ok(Math.abs(reading + 23) <= 0.1, `read ${reading}`);
    });
    (0, node_test_1.it)('gates out silence-level and quiet tones (case 4: -72, -36, -23, -36, -72 dBFS)', () => {
        const reading = lufs((0, test_signals_1.toneSequence)([
            { seconds: 10, dbfs: -72 },
            { seconds: 10, dbfs: -36 },
            { seconds: 60, dbfs: -23 },
            { seconds: 10, dbfs: -36 },
            { seconds: 10, dbfs: -72 },
        ]));
        strict_1.default.ok(Math.abs(reading + 23) <= 0.1, `read ${reading}`);
    });
    (0, node_test_1.it)('averages tones inside the relative gate (case 5: -26, -20, -26 dBFS)', () => {
        const reading = lufs((0, test_signals_1.toneSequence)([
            { seconds: 20, dbfs: -26 },
            { seconds: 20.1, dbfs: -20 },
            { seconds: 20, dbfs: -26 },
        ]));
        strict_1.default.ok(Math.abs(reading + 23) <= 0.1, `read ${reading}`);
    });
    (0, node_test_1.it)('finds nothing above the absolute gate in a -80 dBFS tone or digital silence', () => {
        strict_1.default.equal(lufs((0, test_signals_1.toneSequence)([{ seconds: 5, dbfs: -80 }])), -Infinity);
        strict_1.default.equal(lufs([new Float32Array(test_signals_1.RATE * 2), new Float32Array(test_signals_1.RATE * 2)]), -Infinity);
    });
    (0, node_test_1.it)('reads a mono 1 kHz tone 3 dB under the same tone in stereo', () => {
        const mono = lufs((0, test_signals_1.toneSequence)([{ seconds: 10, dbfs: -20 }], { channels: 1 }));
        strict_1.default.ok(Math.abs(mono + 20 + 3.01) <= 0.1, `read ${mono}`);
    });
    (0, node_test_1.it)('reads -23.0 LUFS at 44.1 kHz too (the K-weighting is designed per rate)', () => {
        const at44k = (0, test_signals_1.toneSequence)([{ seconds: 10, dbfs: -23 }], { sampleRate: 44_100 });
        strict_1.default.ok(Math.abs((0, loudness_1.integratedLoudness)(at44k, 44_100) + 23) <= 0.1);
    });
});
(0, node_test_1.describe)('true peak (EBU Tech 3341 cases)', () => {
    const cases = [
        { name: 'case 15: fs/4, 0 deg', frequency: test_signals_1.RATE / 4, phase: 0, dbfs: -6, expected: -6 },
        {
            name: 'case 16: fs/4, 45 deg',
            frequency: test_signals_1.RATE / 4,
            phase: Math.PI / 4,
            dbfs: -6,
            expected: -6,
        },
        {
            name: 'case 17: fs/6, 60 deg',
            frequency: test_signals_1.RATE / 6,
            phase: Math.PI / 3,
            dbfs: -6,
            expected: -6,
        },
        {
            name: 'case 18: fs/8, 67.5 deg',
            frequency: test_signals_1.RATE / 8,
            phase: (3 * Math.PI) / 8,
            dbfs: -6,
            expected: -6,
        },
        {
            name: 'case 19: fs/4, 45 deg, samples at 0 dBFS',
            frequency: test_signals_1.RATE / 4,
            phase: Math.PI / 4,
            dbfs: 3.01,
            expected: 3,
        },
    ];
    for (const c of cases) {
        (0, node_test_1.it)(`reads ${c.expected} dBTP (${c.name})`, () => {
            const tone = (0, test_signals_1.toneSequence)([{ seconds: 1, dbfs: c.dbfs }], {
                frequency: c.frequency,
                phase: c.phase,
                fadeSeconds: 0.01,
            });
            const reading = (0, true_peak_1.toDb)((0, true_peak_1.truePeak)(tone));
            strict_1.default.ok(Math.abs(reading - c.expected) <= 0.2, `read ${reading.toFixed(3)} dBTP`);
        });
    }
    (0, node_test_1.it)('reads an inter-sample peak 3 dB above the sample peak of a fs/4 tone at 45 deg', () => {
        const tone = (0, test_signals_1.toneSequence)([{ seconds: 1, dbfs: -6 }], {
            frequency: test_signals_1.RATE / 4,
            phase: Math.PI / 4,
        });
        const samplePeakDb = (0, true_peak_1.toDb)(Math.max(...tone[0].map(Math.abs)));
        strict_1.default.ok(Math.abs(samplePeakDb + 9.01) < 0.05);
        strict_1.default.ok((0, true_peak_1.toDb)((0, true_peak_1.truePeak)(tone)) - samplePeakDb > 2.8);
    });
});
//# sourceMappingURL=loudness.spec.js.map