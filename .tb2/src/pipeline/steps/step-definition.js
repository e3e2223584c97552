"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.outputOf = outputOf;
function outputOf(done, step) {
    const output = done[step.name];
    if (output === undefined)
        throw new Error(`output of ${step.name} is missing`);
    return output;
}
//# sourceMappingURL=step-definition.js.map