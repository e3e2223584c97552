"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isJobId = isJobId;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isJobId(value) {
    return UUID.test(value);
}
//# sourceMappingURL=job-id.js.map