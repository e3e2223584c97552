"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.stepLines = stepLines;
exports.seconds = seconds;
function stepLines(job, hints, now) {
    return (job.steps ?? []).map((step) => describe(step, job, hints.get(step.name) ?? {}, now));
}
function describe(step, job, hint, now) {
    const line = (fraction, state, milestone = state, complete = true) => ({
        name: step.name,
        label: step.label,
        fraction,
        state,
        milestone,
        complete,
    });
    const queue = job.queue?.step === step.name ? job.queue : undefined;
    if (step.status === 'QUEUED' || queue) {
        const position = queue?.position ?? hint.position;
        const place = position === undefined ? 'waiting in line' : `waiting in line: #${position}`;
        const eta = queue?.eta_seconds === undefined ? '' : ` (about ${seconds(queue.eta_seconds * 1000)})`;
        return line(0, `${place}${eta}`, place);
    }
    switch (step.status) {
        case 'PENDING':
            return line(0, 'waiting');
        case 'RUNNING': {
            const attempt = step.attempts > 0 ? `, attempt ${step.attempts + 1}` : '';
            const since = step.started_at ? Date.parse(step.started_at) : now;
            return line(0.5, `running ${seconds(now - since)}${attempt}`, `running${attempt}`);
        }
        case 'RETRYING': {
            if (hint.failedAttempt !== step.attempts)
                hint = {};
            const why = `attempt ${hint.failedAttempt ?? step.attempts} failed: ${hint.error ?? step.error ?? 'no message'}`;
            const left = hint.retryAt === undefined ? undefined : Math.max(0, hint.retryAt - now);
            const live = left === undefined ? 'retrying' : `retrying in ${seconds(left)}`;
            const planned = hint.retryInMs === undefined ? 'retrying' : `retrying in ${seconds(hint.retryInMs)}`;
            return line(0.5, `${live} (${why})`, `${planned} (${why})`, hint.retryInMs !== undefined);
        }
        case 'SUCCEEDED':
            return line(1, step.duration_ms === null ? 'done' : `done in ${seconds(step.duration_ms)}`);
        case 'FAILED':
            return line(1, `failed: ${step.error ?? 'no message'}`);
        case 'CANCELLED':
            return line(1, 'cancelled');
        default:
            return line(0.5, step.status.toLowerCase());
    }
}
function seconds(ms) {
    if (ms < 10_000)
        return `${(ms / 1000).toFixed(1)} s`;
    const total = Math.round(ms / 1000);
    if (total < 120)
        return `${total} s`;
    return `${Math.floor(total / 60)} min ${total % 60} s`;
}
//# sourceMappingURL=step-lines.js.map