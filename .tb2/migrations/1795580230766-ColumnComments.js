"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ColumnComments1795580230766 = void 0;
class ColumnComments1795580230766 {
    name = 'ColumnComments1795580230766';
    async up(queryRunner) {
        await queryRunner.query(`
            COMMENT ON COLUMN "api_keys"."id" IS 'Key id'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "api_keys"."name" IS 'Key name; owner of the jobs it creates'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "api_keys"."created_at" IS 'When the key was created'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "api_keys"."revoked_at" IS 'Set to revoke the key (takes effect within 5 s)'
        `);
        await queryRunner.query(`
            ALTER TABLE "job_events" DROP CONSTRAINT "FK_a4d87f3aed580149588c26cb3f2"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."job_events_job_id_id_idx"
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "job_events"."id" IS 'Increasing event id; the SSE id and the webhook-id (msg_<id>)'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "job_events"."job_id" IS 'The job this event belongs to'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "job_events"."data" IS 'Event details: status, step, error, duration_ms, ...'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "job_events"."created_at" IS 'When the change was committed'
        `);
        await queryRunner.query(`
            ALTER TABLE "job_steps" DROP CONSTRAINT "FK_d3c4e03bc575b55a18b534d8677"
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "job_steps"."job_id" IS 'The job this step belongs to'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "job_steps"."status" IS 'PENDING, RUNNING, RETRYING, SUCCEEDED, FAILED or CANCELLED'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "job_steps"."started_at" IS 'First call of the step'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "job_steps"."finished_at" IS 'When it succeeded or failed for good'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "job_steps"."duration_ms" IS 'Duration of the successful call'
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_d129b321489e6c6bd4df228d20a"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."jobs_status_created_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."jobs_owner_created_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."jobs_created_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."jobs_owner_idempotency_key_uq"
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."id" IS 'Job id, also the Bull job id'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."reference_track_url" IS 'Optional reference track to analyse'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."idempotency_key" IS 'Idempotency-Key header of the create request'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."cancel_requested_at" IS 'Set by POST /jobs/{id}/cancel until the run stops'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."created_at" IS 'When the job was created'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."updated_at" IS 'Last state change or heartbeat of a running step'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."started_at" IS 'First claim by a worker'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."finished_at" IS 'When it reached SUCCESS, FAILURE or CANCELLED'
        `);
        await queryRunner.query(`
            DROP INDEX "public"."webhook_deliveries_job_idx"
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "webhook_deliveries"."job_id" IS 'The job whose event this delivers'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "webhook_deliveries"."event_type" IS 'job.status, step.started, ...'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "webhook_deliveries"."url" IS 'Receiver URL (credentials are masked in the API)'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "webhook_deliveries"."status" IS 'PENDING (due at next_attempt_at), DELIVERED or FAILED'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "webhook_deliveries"."attempts" IS 'Attempts made so far'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "webhook_deliveries"."last_status_code" IS 'HTTP status of the last attempt'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "webhook_deliveries"."last_error" IS 'Why the last attempt failed'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "webhook_deliveries"."next_attempt_at" IS 'When the next attempt is due'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "webhook_deliveries"."created_at" IS 'When the event was queued for delivery'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "webhook_deliveries"."delivered_at" IS 'When the receiver answered 2xx'
        `);
        await queryRunner.query(`
            CREATE INDEX "job_events_job_id_id_idx" ON "job_events" ("job_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "jobs_status_created_idx" ON "jobs" ("status", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "jobs_owner_created_idx" ON "jobs" ("owner", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "jobs_created_idx" ON "jobs" ("created_at", "id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "jobs_owner_idempotency_key_uq" ON "jobs" ("owner", "idempotency_key")
            WHERE idempotency_key IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "webhook_deliveries_job_idx" ON "webhook_deliveries" ("job_id", "created_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "job_events"
            ADD CONSTRAINT "FK_a4d87f3aed580149588c26cb3f2" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "job_steps"
            ADD CONSTRAINT "FK_d3c4e03bc575b55a18b534d8677" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_deliveries"
            ADD CONSTRAINT "FK_d129b321489e6c6bd4df228d20a" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }
    async down(queryRunner) {
        await queryRunner.query(`
            ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_d129b321489e6c6bd4df228d20a"
        `);
        await queryRunner.query(`
            ALTER TABLE "job_steps" DROP CONSTRAINT "FK_d3c4e03bc575b55a18b534d8677"
        `);
        await queryRunner.query(`
            ALTER TABLE "job_events" DROP CONSTRAINT "FK_a4d87f3aed580149588c26cb3f2"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."webhook_deliveries_job_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."jobs_owner_idempotency_key_uq"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."jobs_created_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."jobs_owner_created_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."jobs_status_created_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."job_events_job_id_id_idx"
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "webhook_deliveries"."delivered_at" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "webhook_deliveries"."created_at" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "webhook_deliveries"."next_attempt_at" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "webhook_deliveries"."last_error" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "webhook_deliveries"."last_status_code" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "webhook_deliveries"."attempts" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "webhook_deliveries"."status" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "webhook_deliveries"."url" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "webhook_deliveries"."event_type" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "webhook_deliveries"."job_id" IS NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "webhook_deliveries_job_idx" ON "webhook_deliveries" USING btree ("job_id", "created_at")
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."finished_at" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."started_at" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."updated_at" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."created_at" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."cancel_requested_at" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."idempotency_key" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."reference_track_url" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."id" IS NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "jobs_owner_idempotency_key_uq" ON "jobs" USING btree ("owner", "idempotency_key")
            WHERE (idempotency_key IS NOT NULL)
        `);
        await queryRunner.query(`
            CREATE INDEX "jobs_created_idx" ON "jobs" USING btree ("created_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "jobs_owner_created_idx" ON "jobs" USING btree ("owner", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "jobs_status_created_idx" ON "jobs" USING btree ("status", "created_at", "id")
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_deliveries"
            ADD CONSTRAINT "FK_d129b321489e6c6bd4df228d20a" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "job_steps"."duration_ms" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "job_steps"."finished_at" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "job_steps"."started_at" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "job_steps"."status" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "job_steps"."job_id" IS NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "job_steps"
            ADD CONSTRAINT "FK_d3c4e03bc575b55a18b534d8677" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "job_events"."created_at" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "job_events"."data" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "job_events"."job_id" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "job_events"."id" IS NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "job_events_job_id_id_idx" ON "job_events" USING btree ("job_id", "id")
        `);
        await queryRunner.query(`
            ALTER TABLE "job_events"
            ADD CONSTRAINT "FK_a4d87f3aed580149588c26cb3f2" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "api_keys"."revoked_at" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "api_keys"."created_at" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "api_keys"."name" IS NULL
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "api_keys"."id" IS NULL
        `);
    }
}
exports.ColumnComments1795580230766 = ColumnComments1795580230766;
//# sourceMappingURL=1795580230766-ColumnComments.js.map