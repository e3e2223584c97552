"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ArtifactKind = void 0;
var ArtifactKind;
(function (ArtifactKind) {
    ArtifactKind["Stem"] = "stem";
    ArtifactKind["Final"] = "final";
})(ArtifactKind || (exports.ArtifactKind = ArtifactKind = {}));
//# sourceMappingURL=artifact-kind.js.map