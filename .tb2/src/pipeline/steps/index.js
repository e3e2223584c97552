"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FINAL_TRACK = exports.ARTIFACT_FIELDS = exports.FIRST_STEP = exports.STEP_LIST_HISTORY = exports.STEP_LIST_VERSION = exports.STEP_NAMES = exports.STEP_LIST = exports.STEPS = void 0;
exports.stepsFor = stepsFor;
exports.stepLabel = stepLabel;
exports.finalTrackLocation = finalTrackLocation;
exports.checkStepList = checkStepList;
const artifact_kind_1 = require("../../artifacts/artifact-kind");
const analyze_style_1 = require("./analyze-style");
const generate_sound_1 = require("./generate-sound");
const mix_master_1 = require("./mix-master");
const parse_prompt_1 = require("./parse-prompt");
exports.STEPS = [
    parse_prompt_1.parsePrompt,
    analyze_style_1.analyzeStyle,
    generate_sound_1.generateSound,
    mix_master_1.mixMaster,
];
exports.STEP_LIST = exports.STEPS;
exports.STEP_NAMES = exports.STEPS.map((step) => step.name);
exports.STEP_LIST_VERSION = 1;
exports.STEP_LIST_HISTORY = {
    1: ['parse_prompt', 'analyze_style', 'generate_sound', 'mix_master'],
};
checkStepList(exports.STEP_LIST);
exports.FIRST_STEP = { name: exports.STEPS[0].name, inputSql: exports.STEPS[0].claimInputSql };
exports.ARTIFACT_FIELDS = exports.STEP_LIST.flatMap((step) => (step.artifacts ?? []).map((artifact) => ({ step, ...artifact })));
exports.FINAL_TRACK = exports.ARTIFACT_FIELDS.find((field) => field.kind === artifact_kind_1.ArtifactKind.Final);
function stepsFor(job) {
    return exports.STEP_LIST.filter((step) => step.applies?.(job) ?? true);
}
function stepLabel(name) {
    return exports.STEP_LIST.find((step) => step.name === name)?.label ?? name;
}
function finalTrackLocation(done) {
    const output = done[exports.FINAL_TRACK.step.name];
    const location = output?.[exports.FINAL_TRACK.field];
    return typeof location === 'string' ? location : undefined;
}
function checkStepList(steps) {
    const problems = [];
    const twice = (values) => values.filter((value, i) => values.indexOf(value) !== i);
    for (const name of twice(steps.map((step) => step.name)))
        problems.push(`step ${name} is listed twice`);
    for (const prefix of twice(steps.map((step) => step.envPrefix)))
        problems.push(`environment prefix ${prefix} is used by two steps`);
    const finals = steps.flatMap((step) => (step.artifacts ?? []).filter((a) => a.kind === artifact_kind_1.ArtifactKind.Final).map(() => step.name));
    if (finals.length !== 1)
        problems.push(`exactly one step must produce the final track, found ${finals.length}`);
    if (problems.length > 0)
        throw new Error(`Invalid step list: ${problems.join('; ')}`);
}
//# sourceMappingURL=index.js.map