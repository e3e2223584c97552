"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.mixMaster = void 0;
const artifact_kind_1 = require("../../artifacts/artifact-kind");
const contracts_1 = require("../../clients/contracts");
const generate_sound_1 = require("./generate-sound");
const step_definition_1 = require("./step-definition");
exports.mixMaster = {
    name: 'mix_master',
    label: 'Mixing and Mastering',
    envPrefix: 'MIXING_MASTERING',
    policy: { timeoutMs: 180_000, attempts: 4, baseDelayMs: 30_000 },
    input: (_job, done) => ({ stem_paths: Object.values((0, step_definition_1.outputOf)(done, generate_sound_1.generateSound).stems) }),
    service: { name: 'mixing-mastering', embeddedPath: '/reference/mixing-mastering/process' },
    run: (request, { service, options }) => service.postJson(request, options),
    validate: contracts_1.parseMasteredTrack,
    artifacts: [{ kind: artifact_kind_1.ArtifactKind.Final, field: 'output_path' }],
};
//# sourceMappingURL=mix-master.js.map