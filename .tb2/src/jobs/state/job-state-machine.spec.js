"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const node_test_1 = require("node:test");
const job_state_machine_1 = require("./job-state-machine");
const README = (0, node_path_1.join)(__dirname, '..', '..', '..', '..', 'README.md');
function jobTable() {
    const rows = new Map();
    for (const rule of job_state_machine_1.JOB_TRANSITIONS) {
        const key = `| \`${rule.transition}\` | ${rule.guard} | ${rule.to} |`;
        rows.set(key, [...(rows.get(key) ?? []), rule.from ?? '(new)']);
    }
    return [
        '| transition | from | guard | to |',
        '| --- | --- | --- | --- |',
        ...[...rows].map(([key, froms]) => key.replace(/^\| ([^|]+) \|/, `| $1 | ${froms.join(', ')} |`)),
    ].join('\n');
}
function stepTable() {
    const rows = new Map();
    for (const rule of job_state_machine_1.STEP_TRANSITIONS) {
        const key = `| \`${rule.transition}\` | ${rule.role} | ${rule.guard} | ${rule.to} |`;
        rows.set(key, [...(rows.get(key) ?? []), rule.from ?? '(no row)']);
    }
    return [
        '| transition | step | from | guard | to |',
        '| --- | --- | --- | --- | --- |',
        ...[...rows].map(([key, froms]) => key.replace(/^\| ([^|]+) \| ([^|]+) \|/, `| $1 | $2 | ${froms.join(', ')} |`)),
    ].join('\n');
}
const normalized = (text) => text
    .split('\n')
    .map((line) => line.replace(/\s*\|\s*/g, '|').replace(/-{3,}/g, '---'))
    .join('\n');
(0, node_test_1.describe)('job state machine', () => {
    (0, node_test_1.it)('is shown in the README exactly as the code has it', () => {
        const readme = normalized((0, node_fs_1.readFileSync)(README, 'utf8'));
        strict_1.default.ok(readme.includes(normalized(jobTable())), `README lacks the job table:\n${jobTable()}`);
        strict_1.default.ok(readme.includes(normalized(stepTable())), `README lacks the step table:\n${stepTable()}`);
    });
    (0, node_test_1.it)('admits at most one outcome per transition, status and cancel flag', () => {
        const seen = new Set();
        for (const rule of job_state_machine_1.JOB_TRANSITIONS) {
            const guards = rule.guard === 'always' ? ['cancel requested', 'no cancel request'] : [rule.guard];
            for (const guard of guards) {
                const key = `${rule.transition} ${rule.from} ${guard}`;
                strict_1.default.ok(!seen.has(key), `two rules for ${key}`);
                seen.add(key);
            }
        }
    });
});
//# sourceMappingURL=job-state-machine.spec.js.map