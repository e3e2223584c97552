"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AdvisoryLock = void 0;
var AdvisoryLock;
(function (AdvisoryLock) {
    AdvisoryLock[AdvisoryLock["Migrations"] = 7340111] = "Migrations";
    AdvisoryLock[AdvisoryLock["ReconcilerSweep"] = 7340112] = "ReconcilerSweep";
    AdvisoryLock[AdvisoryLock["RetentionSweep"] = 7340125] = "RetentionSweep";
    AdvisoryLock[AdvisoryLock["TestTemplate"] = 7340190] = "TestTemplate";
})(AdvisoryLock || (exports.AdvisoryLock = AdvisoryLock = {}));
//# sourceMappingURL=advisory-locks.js.map