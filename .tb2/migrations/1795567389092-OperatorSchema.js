"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OperatorSchema1795567389092 = void 0;
class OperatorSchema1795567389092 {
    name = 'OperatorSchema1795567389092';
    async up(queryRunner) {
        await queryRunner.query(`
            CREATE TABLE "api_keys" (
                "id" uuid NOT NULL,
                "name" character varying(128) NOT NULL,
                "key_hash" character varying(64) NOT NULL,
                "key_prefix" character varying(16) NOT NULL,
                "is_admin" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_5457f77c4528c36c3d810bf6b70" UNIQUE ("name"),
                CONSTRAINT "UQ_57384430aa1959f4578046c9b81" UNIQUE ("key_hash"),
                CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id")
            );
            COMMENT ON COLUMN "api_keys"."key_hash" IS 'SHA-256 hex of the key';
            COMMENT ON COLUMN "api_keys"."key_prefix" IS 'First characters, to recognise a key';
            COMMENT ON COLUMN "api_keys"."is_admin" IS 'Admins see every job'
        `);
        await queryRunner.query(`
            COMMENT ON TABLE "api_keys" IS 'API keys (hashed); owner of jobs is the key name'
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."delivery_status" AS ENUM('PENDING', 'DELIVERED', 'FAILED')
        `);
        await queryRunner.query(`
            CREATE TABLE "webhook_deliveries" (
                "id" character varying(64) NOT NULL,
                "job_id" uuid NOT NULL,
                "event_id" bigint NOT NULL,
                "event_type" character varying(48) NOT NULL,
                "url" text NOT NULL,
                "payload" jsonb NOT NULL,
                "status" "public"."delivery_status" NOT NULL DEFAULT 'PENDING',
                "attempts" integer NOT NULL DEFAULT '0',
                "last_status_code" integer,
                "last_error" text,
                "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "delivered_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id")
            );
            COMMENT ON COLUMN "webhook_deliveries"."id" IS 'The webhook-id header: stable across retries';
            COMMENT ON COLUMN "webhook_deliveries"."event_id" IS 'job_events.id this delivery carries';
            COMMENT ON COLUMN "webhook_deliveries"."payload" IS 'The exact body that is signed and sent'
        `);
        await queryRunner.query(`
            CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" ("next_attempt_at")
            WHERE status = 'PENDING'
        `);
        await queryRunner.query(`
            CREATE INDEX "webhook_deliveries_job_idx" ON "webhook_deliveries" ("job_id", "created_at")
        `);
        await queryRunner.query(`
            COMMENT ON TABLE "webhook_deliveries" IS 'Signed webhook deliveries of job events, with retries'
        `);
        await queryRunner.query(`
            ALTER TABLE "jobs"
            ADD "webhook_url" text
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."webhook_url" IS 'Where signed event deliveries go (Standard Webhooks)'
        `);
        await queryRunner.query(`
            ALTER TABLE "jobs"
            ADD "webhook_events" text array
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."webhook_events" IS 'Event types to deliver; null means every type'
        `);
        await queryRunner.query(`
            ALTER TABLE "job_events"
            ALTER COLUMN "data"
            SET DEFAULT '{}'::jsonb
        `);
        await queryRunner.query(`
            ALTER TABLE "job_steps"
            ALTER COLUMN "attempt_log"
            SET DEFAULT '[]'::jsonb
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
            ALTER TABLE "webhook_deliveries"
            ADD CONSTRAINT "FK_d129b321489e6c6bd4df228d20a" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            CREATE VIEW "jobs_per_status_hourly" AS
            SELECT date_trunc('hour', created_at) AS hour,
                status,
                count(*)::int AS jobs
            FROM jobs
            GROUP BY 1,
                2
        `);
        await queryRunner.query(`
            INSERT INTO "typeorm_metadata"(
                    "database",
                    "schema",
                    "table",
                    "type",
                    "name",
                    "value"
                )
            VALUES (DEFAULT, $1, DEFAULT, $2, $3, $4)
        `, [
            'public',
            'VIEW',
            'jobs_per_status_hourly',
            "SELECT date_trunc('hour', created_at) AS hour, status, count(*)::int AS jobs\n      FROM jobs\n     GROUP BY 1, 2",
        ]);
        await queryRunner.query(`
            CREATE VIEW "step_stats_last_day" AS
            SELECT s.step,
                count(*)::int AS runs,
                count(*) FILTER (
                    WHERE s.status = 'FAILED'
                )::int AS failed,
                round(
                    count(*) FILTER (
                        WHERE s.status = 'FAILED'
                    )::numeric / NULLIF(count(*), 0),
                    4
                ) AS failure_rate,
                sum(s.attempts)::int AS attempts,
                percentile_cont(0.5) WITHIN GROUP (
                    ORDER BY s.duration_ms
                ) AS p50_ms,
                percentile_cont(0.95) WITHIN GROUP (
                    ORDER BY s.duration_ms
                ) AS p95_ms,
                percentile_cont(0.99) WITHIN GROUP (
                    ORDER BY s.duration_ms
                ) AS p99_ms
            FROM job_steps s
            WHERE s.started_at > now() - interval '1 day'
            GROUP BY s.step
        `);
        await queryRunner.query(`
            INSERT INTO "typeorm_metadata"(
                    "database",
                    "schema",
                    "table",
                    "type",
                    "name",
                    "value"
                )
            VALUES (DEFAULT, $1, DEFAULT, $2, $3, $4)
        `, [
            'public',
            'VIEW',
            'step_stats_last_day',
            "SELECT s.step,\n           count(*)::int AS runs,\n           count(*) FILTER (WHERE s.status = 'FAILED')::int AS failed,\n           round(count(*) FILTER (WHERE s.status = 'FAILED')::numeric / NULLIF(count(*), 0), 4) AS failure_rate,\n           sum(s.attempts)::int AS attempts,\n           percentile_cont(0.5) WITHIN GROUP (ORDER BY s.duration_ms) AS p50_ms,\n           percentile_cont(0.95) WITHIN GROUP (ORDER BY s.duration_ms) AS p95_ms,\n           percentile_cont(0.99) WITHIN GROUP (ORDER BY s.duration_ms) AS p99_ms\n      FROM job_steps s\n     WHERE s.started_at > now() - interval '1 day'\n     GROUP BY s.step",
        ]);
        await queryRunner.query(`
            CREATE VIEW "slowest_jobs" AS
            SELECT id,
                status,
                prompt,
                created_at,
                finished_at,
                extract(
                    epoch
                    FROM finished_at - created_at
                ) * 1000 AS total_ms
            FROM jobs
            WHERE finished_at IS NOT NULL
                AND created_at > now() - interval '7 days'
            ORDER BY finished_at - created_at DESC
            LIMIT 100
        `);
        await queryRunner.query(`
            INSERT INTO "typeorm_metadata"(
                    "database",
                    "schema",
                    "table",
                    "type",
                    "name",
                    "value"
                )
            VALUES (DEFAULT, $1, DEFAULT, $2, $3, $4)
        `, [
            'public',
            'VIEW',
            'slowest_jobs',
            "SELECT id, status, prompt, created_at, finished_at,\n           extract(epoch FROM finished_at - created_at) * 1000 AS total_ms\n      FROM jobs\n     WHERE finished_at IS NOT NULL AND created_at > now() - interval '7 days'\n     ORDER BY finished_at - created_at DESC\n     LIMIT 100",
        ]);
    }
    async down(queryRunner) {
        await queryRunner.query(`
            DELETE FROM "typeorm_metadata"
            WHERE "type" = $1
                AND "name" = $2
                AND "schema" = $3
        `, ['VIEW', 'slowest_jobs', 'public']);
        await queryRunner.query(`
            DROP VIEW "slowest_jobs"
        `);
        await queryRunner.query(`
            DELETE FROM "typeorm_metadata"
            WHERE "type" = $1
                AND "name" = $2
                AND "schema" = $3
        `, ['VIEW', 'step_stats_last_day', 'public']);
        await queryRunner.query(`
            DROP VIEW "step_stats_last_day"
        `);
        await queryRunner.query(`
            DELETE FROM "typeorm_metadata"
            WHERE "type" = $1
                AND "name" = $2
                AND "schema" = $3
        `, ['VIEW', 'jobs_per_status_hourly', 'public']);
        await queryRunner.query(`
            DROP VIEW "jobs_per_status_hourly"
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_d129b321489e6c6bd4df228d20a"
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
            ALTER TABLE "job_steps"
            ALTER COLUMN "attempt_log"
            SET DEFAULT '[]'
        `);
        await queryRunner.query(`
            ALTER TABLE "job_events"
            ALTER COLUMN "data"
            SET DEFAULT '{}'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."webhook_events" IS 'Event types to deliver; null means every type'
        `);
        await queryRunner.query(`
            ALTER TABLE "jobs" DROP COLUMN "webhook_events"
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."webhook_url" IS 'Where signed event deliveries go (Standard Webhooks)'
        `);
        await queryRunner.query(`
            ALTER TABLE "jobs" DROP COLUMN "webhook_url"
        `);
        await queryRunner.query(`
            COMMENT ON TABLE "webhook_deliveries" IS NULL
        `);
        await queryRunner.query(`
            DROP INDEX "public"."webhook_deliveries_job_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."webhook_deliveries_due_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "webhook_deliveries"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."delivery_status"
        `);
        await queryRunner.query(`
            COMMENT ON TABLE "api_keys" IS NULL
        `);
        await queryRunner.query(`
            DROP TABLE "api_keys"
        `);
    }
}
exports.OperatorSchema1795567389092 = OperatorSchema1795567389092;
//# sourceMappingURL=1795567389092-OperatorSchema.js.map