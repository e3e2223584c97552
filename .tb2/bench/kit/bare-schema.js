"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BARE_PIPELINE_QUEUE = exports.BARE_CREATE_QUEUE = exports.CREATE_BODY = exports.RECORD_STEP = exports.MARK_RUNNING = exports.INSERT_JOB = exports.BARE_DDL = exports.BARE_TABLE = void 0;
exports.BARE_TABLE = 'bare_kit_jobs';
exports.BARE_DDL = `
CREATE TABLE IF NOT EXISTS ${exports.BARE_TABLE} (
  id          uuid PRIMARY KEY,
  status      text        NOT NULL,
  prompt      text        NOT NULL,
  input       jsonb       NOT NULL DEFAULT '{}'::jsonb,
  output      jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ${exports.BARE_TABLE}_status_created_idx ON ${exports.BARE_TABLE} (status, created_at)`;
exports.INSERT_JOB = `INSERT INTO ${exports.BARE_TABLE} (id, status, prompt, input) VALUES ($1, 'queued', $2, $3::jsonb)`;
exports.MARK_RUNNING = `UPDATE ${exports.BARE_TABLE} SET status = 'running', updated_at = now() WHERE id = $1`;
exports.RECORD_STEP = `UPDATE ${exports.BARE_TABLE} SET status = $2, output = $3::jsonb, updated_at = now() WHERE id = $1`;
exports.CREATE_BODY = JSON.stringify({
    prompt: 'A chill lo-fi hip hop beat with a smooth piano melody, 100 bpm.',
    input: { pipeline: 'default', lang: 'en' },
});
exports.BARE_CREATE_QUEUE = 'bare-create';
exports.BARE_PIPELINE_QUEUE = 'bare-pipeline';
//# sourceMappingURL=bare-schema.js.map