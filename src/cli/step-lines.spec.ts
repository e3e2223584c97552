import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JobView, StepView } from './job-view';
import { LineDisplay } from './progress-display';
import { StepHints, stepLines } from './step-lines';

const NOW = Date.parse('2026-12-01T10:00:10.000Z');

function step(name: string, status: string, extra: Partial<StepView> = {}): StepView {
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

function job(steps: StepView[], queue: JobView['queue'] = null): JobView {
  const view: JobView = {
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

describe('step lines', () => {
  it('shows the steps the server lists, in its order, a step unknown to the command included', () => {
    const lines = stepLines(
      job([
        step('parse_prompt', 'SUCCEEDED', { duration_ms: 420 }),
        step('tune_vocals', 'RUNNING', { started_at: '2026-12-01T10:00:07.500Z' }),
      ]),
      new Map(),
      NOW,
    );
    assert.deepEqual(
      lines.map((line) => [line.label, line.fraction, line.state, line.milestone]),
      [
        ['PARSE_PROMPT', 1, 'done in 0.4 s', 'done in 0.4 s'],
        ['TUNE_VOCALS', 0.5, 'running 2.5 s', 'running'],
      ],
    );
  });

  it('counts down to the next attempt of a retrying step; the plain line keeps the planned delay', () => {
    const hints = new Map<string, StepHints>([
      [
        'generate_sound',
        { retryAt: NOW + 3_200, retryInMs: 4_000, failedAttempt: 1, error: 'busy' },
      ],
    ]);
    const [line] = stepLines(
      job([step('generate_sound', 'RETRYING', { attempts: 1, error: 'busy' })]),
      hints,
      NOW,
    );
    assert.equal(line.state, 'retrying in 3.2 s (attempt 1 failed: busy)');
    assert.equal(line.milestone, 'retrying in 4.0 s (attempt 1 failed: busy)');
    assert.equal(line.complete, true);
  });

  it('waits for the event of a retry the job shows first, and ignores the hint of an earlier one', () => {
    const stale = new Map<string, StepHints>([
      ['generate_sound', { retryAt: NOW, retryInMs: 1_000, failedAttempt: 1, error: 'old' }],
    ]);
    const [line] = stepLines(
      job([step('generate_sound', 'RETRYING', { attempts: 2, error: 'new' })]),
      stale,
      NOW,
    );
    assert.equal(line.state, 'retrying (attempt 2 failed: new)');
    assert.equal(line.complete, false);
  });

  it("shows a step waiting in line with the scheduler's place and estimate", () => {
    const [line] = stepLines(
      job([step('generate_sound', 'QUEUED')], {
        step: 'generate_sound',
        position: 3,
        eta_seconds: 42,
      }),
      new Map(),
      NOW,
    );
    assert.equal(line.state, 'waiting in line: #3 (about 42 s)');
    assert.equal(line.milestone, 'waiting in line: #3');
  });
});

describe('plain lines', () => {
  it('prints a line when a step changes, not when only its clock ticks', () => {
    let printed = '';
    const display = new LineDisplay({
      write: (text: string) => {
        printed += text;
        return true;
      },
    } as NodeJS.WritableStream);
    const running = (at: number) =>
      stepLines(
        job([step('mix_master', 'RUNNING', { started_at: '2026-12-01T10:00:00.000Z' })]),
        new Map(),
        at,
      );
    display.render(running(NOW));
    display.render(running(NOW + 1_000));
    display.render(
      stepLines(job([step('mix_master', 'SUCCEEDED', { duration_ms: 12_300 })]), new Map(), NOW),
    );
    assert.equal(printed, 'MIX_MASTER: running\nMIX_MASTER: done in 12 s\n');
  });
});
