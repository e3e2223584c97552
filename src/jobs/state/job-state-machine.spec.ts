import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { JOB_TRANSITIONS, STEP_TRANSITIONS } from './job-state-machine';

const README = join(__dirname, '..', '..', '..', '..', 'README.md');

/** The README's tables, rendered from the code's: one row per (transition, guard, to) with its from-states. */
function jobTable(): string {
  const rows = new Map<string, string[]>();
  for (const rule of JOB_TRANSITIONS) {
    const key = `| \`${rule.transition}\` | ${rule.guard} | ${rule.to} |`;
    rows.set(key, [...(rows.get(key) ?? []), rule.from ?? '(new)']);
  }
  return [
    '| transition | from | guard | to |',
    '| --- | --- | --- | --- |',
    ...[...rows].map(([key, froms]) =>
      key.replace(/^\| ([^|]+) \|/, `| $1 | ${froms.join(', ')} |`),
    ),
  ].join('\n');
}

function stepTable(): string {
  const rows = new Map<string, string[]>();
  for (const rule of STEP_TRANSITIONS) {
    const key = `| \`${rule.transition}\` | ${rule.role} | ${rule.guard} | ${rule.to} |`;
    rows.set(key, [...(rows.get(key) ?? []), rule.from ?? '(no row)']);
  }
  return [
    '| transition | step | from | guard | to |',
    '| --- | --- | --- | --- | --- |',
    ...[...rows].map(([key, froms]) =>
      key.replace(/^\| ([^|]+) \| ([^|]+) \|/, `| $1 | $2 | ${froms.join(', ')} |`),
    ),
  ].join('\n');
}

/** Markdown tables compared without the padding a formatter adds. */
const normalized = (text: string): string =>
  text
    .split('\n')
    .map((line) => line.replace(/\s*\|\s*/g, '|').replace(/-{3,}/g, '---'))
    .join('\n');

describe('job state machine', () => {
  it('is shown in the README exactly as the code has it', () => {
    const readme = normalized(readFileSync(README, 'utf8'));
    assert.ok(
      readme.includes(normalized(jobTable())),
      `README lacks the job table:\n${jobTable()}`,
    );
    assert.ok(
      readme.includes(normalized(stepTable())),
      `README lacks the step table:\n${stepTable()}`,
    );
  });

  it('admits at most one outcome per transition, status and cancel flag', () => {
    const seen = new Set<string>();
    for (const rule of JOB_TRANSITIONS) {
      const guards =
        rule.guard === 'always' ? ['cancel requested', 'no cancel request'] : [rule.guard];
      for (const guard of guards) {
        const key = `${rule.transition} ${rule.from} ${guard}`;
        assert.ok(!seen.has(key), `two rules for ${key}`);
        seen.add(key);
      }
    }
  });
});
