"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const reference_track_fetcher_1 = require("./reference-track.fetcher");
(0, node_test_1.describe)('referenceTrackFilename', () => {
    (0, node_test_1.it)("is the URL's last path segment, decoded", () => {
        strict_1.default.equal((0, reference_track_fetcher_1.referenceTrackFilename)('https://h.example/a/my%20track.wav?x=1'), 'my track.wav');
        strict_1.default.equal((0, reference_track_fetcher_1.referenceTrackFilename)('https://h.example/a/caf%C3%A9.wav'), 'café.wav');
    });
    (0, node_test_1.it)('falls back to "reference" when the path names no file', () => {
        strict_1.default.equal((0, reference_track_fetcher_1.referenceTrackFilename)('https://h.example/'), 'reference');
        strict_1.default.equal((0, reference_track_fetcher_1.referenceTrackFilename)('https://h.example'), 'reference');
    });
    (0, node_test_1.it)('keeps a segment that does not decode as written instead of throwing', () => {
        for (const segment of ['100%', '%E0%A4%A', 'caf%E9.wav', '%E0%A4']) {
            strict_1.default.equal((0, reference_track_fetcher_1.referenceTrackFilename)(`https://h.example/t/${segment}`), segment);
        }
    });
});
//# sourceMappingURL=reference-track-filename.spec.js.map