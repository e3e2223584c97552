"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const progress_display_1 = require("./progress-display");
const step_lines_1 = require("./step-lines");
const NOW = Date.parse('2026-12-01T10:00:10.000Z');
function step(name, status, extra = {}) {
    return {
        name,
        label: name.toUpperCase(),
        status,
        attempts: 0,
        started_at: null,
        finished_at: null,
        duration_ms: null,
        error: null,
        ...extra,
    };
}
function job(steps, queue = null) {
    const view = {
        job_id: 'j',
        status: 'PROCESSING',
        prompt: 'p',
        result: null,
        error: null,
        steps,
        created_at: '2026-12-01T10:00:00.000Z',
        finished_at: null,
    };
    return queue === null ? view : { ...view, queue };
}
(0, node_test_1.describe)('step lines', () => {
    (0, node_test_1.it)('shows the steps the server lists, in its order, a step unknown to the command included', () => {
        const lines = (0, step_lines_1.stepLines)(job([
            step('parse_prompt', 'SUCCEEDED', { duration_ms: 420 }),
            step('tune_vocals', 'RUNNING', { started_at: '2026-12-01T10:00:07.500Z' }),
        ]), new Map(), NOW);
        strict_1.default.deepEqual(lines.map((line) => [line.label, line.fraction, line.state, line.milestone]), [
            ['PARSE_PROMPT', 1, 'done in 0.4 s', 'done in 0.4 s'],
            ['TUNE_VOCALS', 0.5, 'running 2.5 s', 'running'],
        ]);
    });
    (0, node_test_1.it)('counts down to the next attempt of a retrying step; the plain line keeps the planned delay', () => {
        const hints = new Map([
            [
                'generate_sound',
                { retryAt: NOW + 3_200, retryInMs: 4_000, failedAttempt: 1, error: 'busy' },
            ],
        ]);
        const [line] = (0, step_lines_1.stepLines)(job([step('generate_sound', 'RETRYING', { attempts: 1, error: 'busy' })]), hints, NOW);
        strict_1.default.equal(line.state, 'retrying in 3.2 s (attempt 1 failed: busy)');
        strict_1.default.equal(line.milestone, 'retrying in 4.0 s (attempt 1 failed: busy)');
        strict_1.default.equal(line.complete, true);
    });
    (0, node_test_1.it)('waits for the event of a retry the job shows first, and ignores the hint of an earlier one', () => {
        const stale = new Map([
            ['generate_sound', { retryAt: NOW, retryInMs: 1_000, failedAttempt: 1, error: 'old' }],
        ]);
        const [line] = (0, step_lines_1.stepLines)(job([step('generate_sound', 'RETRYING', { attempts: 2, error: 'new' })]), stale, NOW);
        strict_1.default.equal(line.state, 'retrying (attempt 2 failed: new)');
        strict_1.default.equal(line.complete, false);
    });
    (0, node_test_1.it)("shows a step waiting in line with the scheduler's place and estimate", () => {
        const [line] = (0, step_lines_1.stepLines)(job([step('generate_sound', 'QUEUED')], {
            step: 'generate_sound',
            position: 3,
            eta_seconds: 42,
        }), new Map(), NOW);
        strict_1.default.equal(line.state, 'waiting in line: #3 (about 42 s)');
        strict_1.default.equal(line.milestone, 'waiting in line: #3');
    });
});
(0, node_test_1.describe)('plain lines', () => {
    (0, node_test_1.it)('prints a line when a step changes, not when only its clock ticks', () => {
        let printed = '';
        const display = new progress_display_1.LineDisplay({
            write: (text) => {
                printed += text;
                return true;
            },
        });
        const running = (at) => (0, step_lines_1.stepLines)(job([step('mix_master', 'RUNNING', { started_at: '2026-12-01T10:00:00.000Z' })]), new Map(), at);
        display.render(running(NOW));
        display.render(running(NOW + 1_000));
        display.render((0, step_lines_1.stepLines)(job([step('mix_master', 'SUCCEEDED', { duration_ms: 12_300 })]), new Map(), NOW));
        strict_1.default.equal(printed, 'MIX_MASTER: running\nMIX_MASTER: done in 12 s\n');
    });
});
//# sourceMappingURL=step-lines.spec.js.map