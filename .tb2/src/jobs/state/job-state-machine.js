"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.STEP_TRANSITIONS = exports.JOB_TRANSITIONS = void 0;
exports.jobRuleFor = jobRuleFor;
const job_status_1 = require("../job-status");
const { Pending, Processing, Success, Failure, Cancelled } = job_status_1.JobStatus;
exports.JOB_TRANSITIONS = [
    { transition: 'createJob', from: null, guard: 'always', to: Pending },
    { transition: 'claim', from: Pending, guard: 'no cancel request', to: Processing },
    { transition: 'claim', from: Processing, guard: 'no cancel request', to: Processing },
    { transition: 'claim', from: Pending, guard: 'cancel requested', to: Cancelled },
    { transition: 'claim', from: Processing, guard: 'cancel requested', to: Cancelled },
    { transition: 'advance', from: Processing, guard: 'no cancel request', to: Processing },
    { transition: 'advance', from: Processing, guard: 'cancel requested', to: Cancelled },
    { transition: 'queueStep', from: Processing, guard: 'no cancel request', to: Processing },
    { transition: 'queueStep', from: Processing, guard: 'cancel requested', to: Cancelled },
    { transition: 'succeed', from: Processing, guard: 'no cancel request', to: Success },
    { transition: 'succeed', from: Processing, guard: 'cancel requested', to: Cancelled },
    { transition: 'recordRetry', from: Processing, guard: 'no cancel request', to: Processing },
    { transition: 'recordRetry', from: Processing, guard: 'cancel requested', to: Cancelled },
    { transition: 'recordInterrupted', from: Processing, guard: 'always', to: Processing },
    { transition: 'recordUnexpectedError', from: Processing, guard: 'always', to: Processing },
    { transition: 'fail', from: Processing, guard: 'no cancel request', to: Failure },
    { transition: 'fail', from: Processing, guard: 'cancel requested', to: Cancelled },
    { transition: 'requestCancel', from: Pending, guard: 'always', to: Pending },
    { transition: 'requestCancel', from: Processing, guard: 'always', to: Processing },
    { transition: 'markCancelled', from: Pending, guard: 'cancel requested', to: Cancelled },
    { transition: 'markCancelled', from: Processing, guard: 'cancel requested', to: Cancelled },
    { transition: 'reopen', from: Failure, guard: 'always', to: Pending },
    { transition: 'reopen', from: Cancelled, guard: 'always', to: Pending },
    { transition: 'failOverdue', from: Pending, guard: 'no cancel request', to: Failure },
    { transition: 'failOverdue', from: Processing, guard: 'no cancel request', to: Failure },
    { transition: 'failOverdue', from: Pending, guard: 'cancel requested', to: Cancelled },
    { transition: 'failOverdue', from: Processing, guard: 'cancel requested', to: Cancelled },
    { transition: 'heartbeat', from: Processing, guard: 'always', to: Processing },
];
const { Queued, Running, Retrying, Succeeded, Failed } = job_status_1.StepStatus;
const StepPending = job_status_1.StepStatus.Pending;
const StepCancelled = job_status_1.StepStatus.Cancelled;
const UNFINISHED = [StepPending, Queued, Running, Retrying];
const STARTABLE = [null, StepPending, Queued, Retrying, Running];
function each(froms, rule) {
    return froms.map((from) => ({ ...rule, from }));
}
exports.STEP_TRANSITIONS = [
    ...each(STARTABLE, {
        transition: 'claim',
        role: 'started',
        guard: 'no cancel request',
        to: Running,
    }),
    ...each(UNFINISHED, {
        transition: 'claim',
        role: 'other',
        guard: 'cancel requested',
        to: StepCancelled,
    }),
    ...each(STARTABLE, {
        transition: 'advance',
        role: 'started',
        guard: 'no cancel request',
        to: Running,
    }),
    { transition: 'advance', role: 'finished', from: Running, guard: 'always', to: Succeeded },
    ...each(UNFINISHED, {
        transition: 'advance',
        role: 'other',
        guard: 'cancel requested',
        to: StepCancelled,
    }),
    ...each(STARTABLE, {
        transition: 'queueStep',
        role: 'started',
        guard: 'no cancel request',
        to: Queued,
    }),
    { transition: 'queueStep', role: 'finished', from: Running, guard: 'always', to: Succeeded },
    ...each(UNFINISHED, {
        transition: 'queueStep',
        role: 'other',
        guard: 'cancel requested',
        to: StepCancelled,
    }),
    { transition: 'succeed', role: 'finished', from: Running, guard: 'always', to: Succeeded },
    {
        transition: 'recordRetry',
        role: 'finished',
        from: Running,
        guard: 'no cancel request',
        to: Retrying,
    },
    {
        transition: 'recordRetry',
        role: 'finished',
        from: Running,
        guard: 'cancel requested',
        to: StepCancelled,
    },
    {
        transition: 'recordInterrupted',
        role: 'finished',
        from: Running,
        guard: 'always',
        to: Retrying,
    },
    { transition: 'fail', role: 'finished', from: Running, guard: 'always', to: Failed },
    ...each(UNFINISHED, {
        transition: 'markCancelled',
        role: 'other',
        guard: 'cancel requested',
        to: StepCancelled,
    }),
    ...each(UNFINISHED, {
        transition: 'failOverdue',
        role: 'other',
        guard: 'no cancel request',
        to: Failed,
    }),
    ...each(UNFINISHED, {
        transition: 'failOverdue',
        role: 'other',
        guard: 'cancel requested',
        to: StepCancelled,
    }),
    ...each([StepPending, Queued, Running, Retrying, Failed, StepCancelled], {
        transition: 'reopen',
        role: 'other',
        guard: 'always',
        to: StepPending,
    }),
];
function jobRuleFor(transition, from, cancelRequested) {
    return exports.JOB_TRANSITIONS.find((rule) => rule.transition === transition &&
        rule.from === from &&
        (rule.guard === 'always' || (rule.guard === 'cancel requested') === cancelRequested));
}
//# sourceMappingURL=job-state-machine.js.map