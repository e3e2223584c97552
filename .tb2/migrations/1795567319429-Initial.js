"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Initial1795567319429 = void 0;
class Initial1795567319429 {
    name = 'Initial1795567319429';
    async up(queryRunner) {
        await queryRunner.query(`
            CREATE TABLE "job_events" (
                "id" BIGSERIAL NOT NULL,
                "job_id" uuid NOT NULL,
                "type" character varying(48) NOT NULL,
                "data" jsonb NOT NULL DEFAULT '{}'::jsonb,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_77f0d06e95eed355f7a38f6093b" PRIMARY KEY ("id")
            );
            COMMENT ON COLUMN "job_events"."type" IS 'job.status, step.started, step.succeeded, step.retrying, step.failed, cancel.requested'
        `);
        await queryRunner.query(`
            CREATE INDEX "job_events_job_id_id_idx" ON "job_events" ("job_id", "id")
        `);
        await queryRunner.query(`
            COMMENT ON TABLE "job_events" IS 'Append-only job history: status changes, step events, cancels'
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."step_status" AS ENUM(
                'PENDING',
                'RUNNING',
                'RETRYING',
                'SUCCEEDED',
                'FAILED',
                'CANCELLED'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "job_steps" (
                "job_id" uuid NOT NULL,
                "step" character varying(32) NOT NULL,
                "status" "public"."step_status" NOT NULL,
                "attempts" integer NOT NULL DEFAULT '0',
                "input" jsonb,
                "output" jsonb,
                "error" text,
                "attempt_log" jsonb NOT NULL DEFAULT '[]'::jsonb,
                "started_at" TIMESTAMP WITH TIME ZONE,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                "duration_ms" integer,
                CONSTRAINT "PK_0d5d92f9cd39664614c84f9fb9b" PRIMARY KEY ("job_id", "step")
            );
            COMMENT ON COLUMN "job_steps"."step" IS 'parse_prompt, analyze_style, ...';
            COMMENT ON COLUMN "job_steps"."attempts" IS 'Calls made in the current run of the job';
            COMMENT ON COLUMN "job_steps"."input" IS 'Request sent to the service';
            COMMENT ON COLUMN "job_steps"."output" IS 'Validated response: the checkpoint';
            COMMENT ON COLUMN "job_steps"."error" IS 'Last error message';
            COMMENT ON COLUMN "job_steps"."attempt_log" IS 'Every attempt: time, duration, outcome, error'
        `);
        await queryRunner.query(`
            COMMENT ON TABLE "job_steps" IS 'One row per (job, step); a SUCCEEDED row is a checkpoint never called again.'
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."job_status" AS ENUM(
                'PENDING',
                'PROCESSING',
                'SUCCESS',
                'FAILURE',
                'CANCELLED'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "jobs" (
                "id" uuid NOT NULL,
                "status" "public"."job_status" NOT NULL DEFAULT 'PENDING',
                "prompt" text NOT NULL,
                "reference_track_url" text,
                "current_step" character varying(32),
                "result" jsonb,
                "error" jsonb,
                "attempt" integer NOT NULL DEFAULT '0',
                "owner" character varying(128) NOT NULL DEFAULT 'anonymous',
                "idempotency_key" character varying(255),
                "request_fingerprint" character varying(64),
                "cancel_requested_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "started_at" TIMESTAMP WITH TIME ZONE,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                "deadline_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_cf0a6c42b72fcc7f7c237def345" PRIMARY KEY ("id")
            );
            COMMENT ON COLUMN "jobs"."status" IS 'PENDING, PROCESSING, or terminal SUCCESS / FAILURE / CANCELLED';
            COMMENT ON COLUMN "jobs"."prompt" IS 'The user prompt, as sent';
            COMMENT ON COLUMN "jobs"."current_step" IS 'Step running now, or the step the job ended on';
            COMMENT ON COLUMN "jobs"."result" IS 'On success: {final_track_url}';
            COMMENT ON COLUMN "jobs"."error" IS 'On failure: {step, message, service?, status_code?}';
            COMMENT ON COLUMN "jobs"."attempt" IS 'How many times a worker has claimed the job; fences writes of stale workers';
            COMMENT ON COLUMN "jobs"."owner" IS 'API key name that created it';
            COMMENT ON COLUMN "jobs"."request_fingerprint" IS 'SHA-256 of the create body, to tell an idempotent replay from a conflicting one';
            COMMENT ON COLUMN "jobs"."deadline_at" IS 'An unfinished job still running after this is failed by the reconciler'
        `);
        await queryRunner.query(`
            CREATE INDEX "jobs_unfinished_created_idx" ON "jobs" ("created_at")
            WHERE finished_at IS NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "jobs_owner_idempotency_key_uq" ON "jobs" ("owner", "idempotency_key")
            WHERE idempotency_key IS NOT NULL
        `);
        await queryRunner.query(`
            COMMENT ON TABLE "jobs" IS 'One row per track request; the single source of truth.'
        `);
        await queryRunner.query(`
            ALTER TABLE "job_events"
            ADD CONSTRAINT "FK_a4d87f3aed580149588c26cb3f2" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "job_steps"
            ADD CONSTRAINT "FK_d3c4e03bc575b55a18b534d8677" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }
    async down(queryRunner) {
        await queryRunner.query(`
            ALTER TABLE "job_steps" DROP CONSTRAINT "FK_d3c4e03bc575b55a18b534d8677"
        `);
        await queryRunner.query(`
            ALTER TABLE "job_events" DROP CONSTRAINT "FK_a4d87f3aed580149588c26cb3f2"
        `);
        await queryRunner.query(`
            COMMENT ON TABLE "jobs" IS NULL
        `);
        await queryRunner.query(`
            DROP INDEX "public"."jobs_owner_idempotency_key_uq"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."jobs_unfinished_created_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "jobs"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."job_status"
        `);
        await queryRunner.query(`
            COMMENT ON TABLE "job_steps" IS NULL
        `);
        await queryRunner.query(`
            DROP TABLE "job_steps"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."step_status"
        `);
        await queryRunner.query(`
            COMMENT ON TABLE "job_events" IS NULL
        `);
        await queryRunner.query(`
            DROP INDEX "public"."job_events_job_id_id_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "job_events"
        `);
    }
}
exports.Initial1795567319429 = Initial1795567319429;
//# sourceMappingURL=1795567319429-Initial.js.map