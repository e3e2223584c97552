"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.analyzeStyle = void 0;
const contracts_1 = require("../../clients/contracts");
exports.analyzeStyle = {
    name: 'analyze_style',
    label: 'Analyzing Style',
    envPrefix: 'STYLE_ANALYSIS',
    policy: { timeoutMs: 120_000, attempts: 4, baseDelayMs: 10_000 },
    applies: (job) => job.reference_track_url !== null,
    input: (job) => ({ reference_track_url: job.reference_track_url ?? '' }),
    service: { name: 'style-analysis', embeddedPath: '/reference/style-analysis/analyze' },
    run: async ({ reference_track_url: url }, { service, fetchReferenceTrack, options }) => {
        const track = await fetchReferenceTrack(url, { signal: options.signal });
        return service.postFile(track, options);
    },
    validate: contracts_1.parseStyleFeatures,
};
//# sourceMappingURL=analyze-style.js.map