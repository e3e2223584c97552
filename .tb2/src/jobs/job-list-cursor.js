"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.encodeCursor = encodeCursor;
exports.decodeCursor = decodeCursor;
const jobs_errors_1 = require("./jobs.errors");
const job_id_1 = require("./job-id");
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const INVALID = 'cursor is not one this API returned: pass next_cursor from the previous page';
function isTimestamp(value) {
    if (!TIMESTAMP.test(value))
        return false;
    const millis = `${value.slice(0, 23)}Z`;
    const date = new Date(millis);
    return !Number.isNaN(date.getTime()) && date.toISOString() === millis;
}
function encodeCursor(position) {
    return Buffer.from(JSON.stringify({ t: position.createdAt, i: position.id })).toString('base64url');
}
function decodeCursor(cursor) {
    let parsed;
    try {
        parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    }
    catch {
        throw new jobs_errors_1.InvalidFieldError('cursor', INVALID);
    }
    const { t, i } = (parsed ?? {});
    if (typeof t !== 'string' || !isTimestamp(t) || typeof i !== 'string' || !(0, job_id_1.isJobId)(i))
        throw new jobs_errors_1.InvalidFieldError('cursor', INVALID);
    return { createdAt: t, id: i };
}
//# sourceMappingURL=job-list-cursor.js.map