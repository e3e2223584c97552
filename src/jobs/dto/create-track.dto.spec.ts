import 'reflect-metadata';
import assert from 'node:assert/strict';
import { BadRequestException } from '@nestjs/common';
import { describe, it } from 'node:test';
import { createValidationPipe } from '../../http/validation';
import { CreateTrackDto, PROMPT_MAX_LENGTH } from './create-track.dto';

interface ValidationBody {
  detail: string;
  errors: { field: string; message: string }[];
}

const pipe = createValidationPipe();
const validate = (body: unknown): Promise<unknown> =>
  pipe.transform(body, { type: 'body', metatype: CreateTrackDto });

/** The 400 body the client would get for `body`; fails the test if it is accepted. */
async function rejection(body: unknown): Promise<ValidationBody> {
  try {
    await validate(body);
  } catch (error) {
    assert.ok(error instanceof BadRequestException, String(error));
    assert.equal(error.getStatus(), 400);
    return error.getResponse() as ValidationBody;
  }
  assert.fail(`accepted ${JSON.stringify(body)}`);
}

/** Asserts that exactly `field` is reported, with a message naming it and matching `message`. */
async function assertRejected(body: unknown, field: string, message: RegExp): Promise<void> {
  const response = await rejection(body);
  assert.deepEqual(
    response.errors.map((e) => e.field),
    [field],
    JSON.stringify(response),
  );
  const [{ message: text }] = response.errors;
  assert.ok(text.includes(field), `"${text}" names ${field}`);
  assert.match(text, message);
  assert.ok(response.detail.includes(text), 'detail repeats the message');
}

describe('CreateTrackDto validation', () => {
  it('accepts a valid request and returns a CreateTrackDto', async () => {
    const body = {
      prompt: 'A chill lo-fi hip hop beat, 100 bpm.',
      reference_track_url: 'https://example.com/reference.wav',
      webhook_url: 'https://studio.example.com/hooks',
      webhook_events: ['job.status'],
      priority: 'high',
    };
    const dto = await validate(body);
    assert.ok(dto instanceof CreateTrackDto);
    assert.deepEqual({ ...dto }, body);
    assert.ok(
      (await validate({ prompt: 'x'.repeat(PROMPT_MAX_LENGTH) })) instanceof CreateTrackDto,
    );
    assert.ok(
      (await validate({ prompt: 'no reference', reference_track_url: null })) instanceof
        CreateTrackDto,
    );
  });

  it('refuses a missing, empty, whitespace-only or non-string prompt', async () => {
    await assertRejected({}, 'prompt', /must be a string/);
    await assertRejected({ reference_track_url: 'https://example.com/r.wav' }, 'prompt', /string/);
    await assertRejected({ prompt: '' }, 'prompt', /must not be empty or only whitespace/);
    await assertRejected({ prompt: ' \t\n ' }, 'prompt', /must not be empty or only whitespace/);
    await assertRejected({ prompt: 42 }, 'prompt', /must be a string/);
    await assertRejected({ prompt: ['a', 'b'] }, 'prompt', /must be a string/);
    await assertRejected({ prompt: null }, 'prompt', /must be a string/);
  });

  it(`refuses a prompt over ${PROMPT_MAX_LENGTH} characters`, async () => {
    await assertRejected(
      { prompt: 'x'.repeat(PROMPT_MAX_LENGTH + 1) },
      'prompt',
      /at most 2000 characters/,
    );
  });

  it('refuses a reference_track_url that is not an absolute http(s) URL', async () => {
    for (const url of [
      'reference.wav',
      '/tracks/reference.wav',
      '//example.com/reference.wav',
      'ftp://example.com/reference.wav',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://',
      '',
      42,
    ]) {
      await assertRejected(
        { prompt: 'house', reference_track_url: url },
        'reference_track_url',
        /must be an absolute http\(s\) URL/,
      );
    }
  });

  it('refuses a priority other than high, normal or low', async () => {
    for (const priority of ['urgent', 'HIGH', 1])
      await assertRejected(
        { prompt: 'p', priority },
        'priority',
        /priority must be one of: high, normal, low/,
      );
  });

  it('refuses unknown fields, naming them', async () => {
    await assertRejected({ prompt: 'house', tempo: 120 }, 'tempo', /should not exist/);
    await assertRejected(
      { prompt: 'house', referenceTrackUrl: 'https://example.com/r.wav' },
      'referenceTrackUrl',
      /should not exist/,
    );
  });

  it('refuses webhook_events without a webhook_url', async () => {
    await assertRejected(
      { prompt: 'house', webhook_events: ['job.status'] },
      'webhook_events',
      /needs a webhook_url/,
    );
    await assertRejected(
      { prompt: 'house', webhook_url: null, webhook_events: ['step.failed'] },
      'webhook_events',
      /needs a webhook_url/,
    );
  });

  it('reports every offending field at once', async () => {
    const response = await rejection({ prompt: '', reference_track_url: 'nope', extra: true });
    assert.deepEqual(response.errors.map((e) => e.field).sort(), [
      'extra',
      'prompt',
      'reference_track_url',
    ]);
  });
});
