"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const contracts_1 = require("./contracts");
const reference_track_fetcher_1 = require("./reference-track.fetcher");
(0, node_test_1.describe)('response validation', () => {
    (0, node_test_1.it)('accepts the contract examples and fills absent optional fields', () => {
        strict_1.default.deepEqual((0, contracts_1.parsePromptSpec)({
            tempo: 100,
            key: 'C minor',
            genre: 'lo-fi hip hop',
            instruments: ['piano'],
            mood: 'chill',
        }), {
            tempo: 100,
            key: 'C minor',
            genre: 'lo-fi hip hop',
            instruments: ['piano'],
            style_references: [],
            mood: 'chill',
        });
        strict_1.default.deepEqual((0, contracts_1.parseStyleFeatures)({
            tempo: 92.3,
            key: 'A minor',
            segments: [{ start_time: 0, end_time: 12.5, label: 'intro' }],
        }).segments, [{ start_time: 0, end_time: 12.5, label: 'intro' }]);
        strict_1.default.deepEqual((0, contracts_1.parseMasteredTrack)({ output_path: '/output/x.wav', message: 'done' }), {
            output_path: '/output/x.wav',
            message: 'done',
        });
    });
    (0, node_test_1.it)('names the field that is wrong', () => {
        strict_1.default.throws(() => (0, contracts_1.parsePromptSpec)({ tempo: 'fast' }), /tempo must be a number or null/);
        strict_1.default.throws(() => (0, contracts_1.parsePromptSpec)([]), /expected a JSON object/);
        strict_1.default.throws(() => (0, contracts_1.parseGeneratedStems)({ job_id: 'j', stems: {} }), /stems must not be empty/);
        strict_1.default.throws(() => (0, contracts_1.parseGeneratedStems)({ stems: { piano: 3 } }), /stems.piano must be a path/);
        strict_1.default.throws(() => (0, contracts_1.parseMasteredTrack)({ message: 'no path' }), /output_path must be a non-empty string/);
        strict_1.default.throws(() => (0, contracts_1.parseStyleFeatures)({ segments: [{ start_time: 1 }] }), /segments\[0\] needs start_time and end_time/);
    });
});
(0, node_test_1.describe)('sniffAudio', () => {
    (0, node_test_1.it)('recognises audio containers and refuses other files', () => {
        strict_1.default.equal((0, reference_track_fetcher_1.sniffAudio)(Buffer.from('RIFF\0\0\0\0WAVEfmt ', 'latin1')), 'audio/wav');
        strict_1.default.equal((0, reference_track_fetcher_1.sniffAudio)(Buffer.from('RIFF\0\0\0\0AVI LIST', 'latin1')), undefined);
        strict_1.default.equal((0, reference_track_fetcher_1.sniffAudio)(Buffer.from('ID3\x04rest', 'latin1')), 'audio/mpeg');
        strict_1.default.equal((0, reference_track_fetcher_1.sniffAudio)(Buffer.from('fLaC', 'latin1')), 'audio/flac');
        strict_1.default.equal((0, reference_track_fetcher_1.sniffAudio)(Buffer.from('<html>', 'latin1')), undefined);
    });
});
//# sourceMappingURL=contracts.spec.js.map