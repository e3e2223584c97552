"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.artifactSources = artifactSources;
const steps_1 = require("../pipeline/steps");
const artifact_kind_1 = require("./artifact-kind");
function artifactSources(steps, finalTrackUrl) {
    const sources = [];
    for (const { step, kind, field } of steps_1.ARTIFACT_FIELDS) {
        const value = checkpoint(steps, step)?.[field];
        if (kind === artifact_kind_1.ArtifactKind.Stem) {
            const byInstrument = Object.entries(isObject(value) ? value : {}).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
            for (const [instrument, location] of byInstrument) {
                if (typeof location === 'string')
                    sources.push({ kind, instrument, location });
            }
        }
        else if (typeof value === 'string') {
            sources.push({ kind, instrument: null, location: value });
        }
    }
    const hasFinal = sources.some((source) => source.kind === artifact_kind_1.ArtifactKind.Final);
    if (!hasFinal && finalTrackUrl && /^https?:\/\//i.test(finalTrackUrl))
        sources.push({ kind: artifact_kind_1.ArtifactKind.Final, instrument: null, location: finalTrackUrl });
    return sources;
}
function checkpoint(steps, step) {
    const output = steps.find((s) => s.step === step.name)?.output;
    if (output === undefined || output === null)
        return undefined;
    try {
        const valid = step.validate(output);
        return isObject(valid) ? valid : undefined;
    }
    catch {
        return undefined;
    }
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
//# sourceMappingURL=job-artifacts.js.map