/**
 * The bare kit's job table: one row per job with a status, a prompt, JSON input and the
 * last step's output, and one secondary index. It is what a minimal jobs table costs, the
 * floor the orchestrator's own schema (steps, events, outbox) is compared against.
 */

export const BARE_TABLE = 'bare_kit_jobs';

export const BARE_DDL = `
CREATE TABLE IF NOT EXISTS ${BARE_TABLE} (
  id          uuid PRIMARY KEY,
  status      text        NOT NULL,
  prompt      text        NOT NULL,
  input       jsonb       NOT NULL DEFAULT '{}'::jsonb,
  output      jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ${BARE_TABLE}_status_created_idx ON ${BARE_TABLE} (status, created_at)`;

export const INSERT_JOB = `INSERT INTO ${BARE_TABLE} (id, status, prompt, input) VALUES ($1, 'queued', $2, $3::jsonb)`;

export const MARK_RUNNING = `UPDATE ${BARE_TABLE} SET status = 'running', updated_at = now() WHERE id = $1`;

export const RECORD_STEP = `UPDATE ${BARE_TABLE} SET status = $2, output = $3::jsonb, updated_at = now() WHERE id = $1`;

/** The request body of every bare create: a prompt and a small JSON input, about 110 bytes. */
export const CREATE_BODY = JSON.stringify({
  prompt: 'A chill lo-fi hip hop beat with a smooth piano melody, 100 bpm.',
  input: { pipeline: 'default', lang: 'en' },
});

/** The Bull queue names of the two suites, under the bench's own key prefix. */
export const BARE_CREATE_QUEUE = 'bare-create';
export const BARE_PIPELINE_QUEUE = 'bare-pipeline';
