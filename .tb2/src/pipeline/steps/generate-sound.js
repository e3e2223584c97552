"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.generateSound = void 0;
const artifact_kind_1 = require("../../artifacts/artifact-kind");
const contracts_1 = require("../../clients/contracts");
const analyze_style_1 = require("./analyze-style");
const parse_prompt_1 = require("./parse-prompt");
const step_definition_1 = require("./step-definition");
exports.generateSound = {
    name: 'generate_sound',
    label: 'Generating Sound',
    envPrefix: 'SOUND_GENERATION',
    policy: { timeoutMs: 300_000, attempts: 4, baseDelayMs: 60_000 },
    input: (job, done) => {
        const spec = (0, step_definition_1.outputOf)(done, parse_prompt_1.parsePrompt);
        const request = {
            prompt_spec: {
                tempo: spec.tempo,
                key: spec.key,
                genre: spec.genre,
                instruments: spec.instruments,
                mood: spec.mood,
            },
        };
        if (job.reference_track_url !== null)
            request.style_features = (0, step_definition_1.outputOf)(done, analyze_style_1.analyzeStyle);
        return request;
    },
    service: { name: 'sound-generation', embeddedPath: '/reference/sound-generation/generate' },
    run: (request, { service, options }) => service.postJson(request, options),
    validate: contracts_1.parseGeneratedStems,
    artifacts: [{ kind: artifact_kind_1.ArtifactKind.Stem, field: 'stems' }],
};
//# sourceMappingURL=generate-sound.js.map