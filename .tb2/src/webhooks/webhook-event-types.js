"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.JOB_EVENT_TYPES = void 0;
exports.unknownEventTypes = unknownEventTypes;
exports.webhookEventsProblem = webhookEventsProblem;
exports.JOB_EVENT_TYPES = [
    'job.status',
    'step.queued',
    'step.started',
    'step.succeeded',
    'step.retrying',
    'step.failed',
    'cancel.requested',
];
const KNOWN = new Set(exports.JOB_EVENT_TYPES);
function unknownEventTypes(types) {
    return types
        .filter((type) => typeof type !== 'string' || !KNOWN.has(type))
        .map((type) => (typeof type === 'string' ? type : JSON.stringify(type)));
}
function webhookEventsProblem(value) {
    if (!Array.isArray(value))
        return 'webhook_events must be an array of event types';
    if (value.length === 0) {
        return 'webhook_events must list at least one event type (omit it to receive every type)';
    }
    const unknown = unknownEventTypes(value);
    if (unknown.length > 0) {
        return `webhook_events has unknown event type${unknown.length > 1 ? 's' : ''} ${unknown
            .map((type) => `"${type}"`)
            .join(', ')}; known types: ${exports.JOB_EVENT_TYPES.join(', ')}`;
    }
    return undefined;
}
//# sourceMappingURL=webhook-event-types.js.map