"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const content_types_1 = require("./content-types");
const artifact_kind_1 = require("./artifact-kind");
const job_artifacts_1 = require("./job-artifacts");
(0, node_test_1.describe)('artifactSources', () => {
    (0, node_test_1.it)('lists stems by instrument, then the mastered track', () => {
        const steps = [
            { step: 'parse_prompt', output: { tempo: 90 } },
            { step: 'generate_sound', output: { job_id: 'g', stems: { piano: 'p.wav', bass: 'b.wav' } } },
            { step: 'mix_master', output: { output_path: '/a/master.wav', message: 'done' } },
        ];
        strict_1.default.deepEqual((0, job_artifacts_1.artifactSources)(steps, '/artifacts/master.wav'), [
            { kind: artifact_kind_1.ArtifactKind.Stem, instrument: 'bass', location: 'b.wav' },
            { kind: artifact_kind_1.ArtifactKind.Stem, instrument: 'piano', location: 'p.wav' },
            { kind: artifact_kind_1.ArtifactKind.Final, instrument: null, location: '/a/master.wav' },
        ]);
    });
    (0, node_test_1.it)('has nothing for steps without checkpoints, and ignores outputs of another shape', () => {
        strict_1.default.deepEqual((0, job_artifacts_1.artifactSources)([]), []);
        strict_1.default.deepEqual((0, job_artifacts_1.artifactSources)([
            { step: 'generate_sound', output: null },
            { step: 'mix_master', output: { message: 'no path' } },
        ]), []);
    });
    (0, node_test_1.it)('takes an absolute final_track_url when no mix_master checkpoint is left', () => {
        strict_1.default.deepEqual((0, job_artifacts_1.artifactSources)([], 'https://cdn.example.com/t.wav'), [
            { kind: artifact_kind_1.ArtifactKind.Final, instrument: null, location: 'https://cdn.example.com/t.wav' },
        ]);
        strict_1.default.deepEqual((0, job_artifacts_1.artifactSources)([], '/artifacts/output/t.wav'), []);
    });
});
(0, node_test_1.describe)('contentTypeFor', () => {
    (0, node_test_1.it)('goes by extension, for paths and URLs alike', () => {
        strict_1.default.equal((0, content_types_1.contentTypeFor)('/data/stems/job_1_drums.WAV'), 'audio/wav');
        strict_1.default.equal((0, content_types_1.contentTypeFor)('https://cdn.example.com/x/master.mp3?sig=abc.wav'), 'audio/mpeg');
        strict_1.default.equal((0, content_types_1.contentTypeFor)('notes'), 'application/octet-stream');
    });
});
//# sourceMappingURL=job-artifacts.spec.js.map