"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parsePromptSpec = parsePromptSpec;
exports.parseStyleFeatures = parseStyleFeatures;
exports.parseGeneratedStems = parseGeneratedStems;
exports.parseMasteredTrack = parseMasteredTrack;
function object(body) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new Error('expected a JSON object');
    }
    return body;
}
function nullableNumber(body, field) {
    const value = body[field];
    if (value === undefined || value === null)
        return null;
    if (typeof value !== 'number' || !Number.isFinite(value))
        throw new Error(`${field} must be a number or null`);
    return value;
}
function nullableString(body, field) {
    const value = body[field];
    if (value === undefined || value === null)
        return null;
    if (typeof value !== 'string')
        throw new Error(`${field} must be a string or null`);
    return value;
}
function stringList(body, field) {
    const value = body[field];
    if (value === undefined || value === null)
        return [];
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
        throw new Error(`${field} must be a list of strings`);
    }
    return value;
}
function requiredString(body, field) {
    const value = body[field];
    if (typeof value !== 'string' || value === '')
        throw new Error(`${field} must be a non-empty string`);
    return value;
}
function parsePromptSpec(body) {
    const json = object(body);
    return {
        tempo: nullableNumber(json, 'tempo'),
        key: nullableString(json, 'key'),
        genre: nullableString(json, 'genre'),
        instruments: stringList(json, 'instruments'),
        style_references: stringList(json, 'style_references'),
        mood: nullableString(json, 'mood'),
    };
}
function parseStyleFeatures(body) {
    const json = object(body);
    const rawSegments = json.segments ?? [];
    if (!Array.isArray(rawSegments))
        throw new Error('segments must be a list');
    const segments = rawSegments.map((item, index) => {
        const segment = object(item);
        const start = nullableNumber(segment, 'start_time');
        const end = nullableNumber(segment, 'end_time');
        if (start === null || end === null)
            throw new Error(`segments[${index}] needs start_time and end_time`);
        return { start_time: start, end_time: end, label: nullableString(segment, 'label') ?? '' };
    });
    return { tempo: nullableNumber(json, 'tempo'), key: nullableString(json, 'key'), segments };
}
function parseGeneratedStems(body) {
    const json = object(body);
    const stems = object(json.stems);
    const entries = Object.entries(stems);
    if (entries.length === 0)
        throw new Error('stems must not be empty');
    for (const [name, path] of entries) {
        if (typeof path !== 'string' || path === '')
            throw new Error(`stems.${name} must be a path`);
    }
    return { job_id: nullableString(json, 'job_id') ?? '', stems: stems };
}
function parseMasteredTrack(body) {
    const json = object(body);
    return {
        output_path: requiredString(json, 'output_path'),
        message: nullableString(json, 'message') ?? '',
    };
}
//# sourceMappingURL=contracts.js.map