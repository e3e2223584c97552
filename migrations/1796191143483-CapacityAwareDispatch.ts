import { MigrationInterface, QueryRunner } from 'typeorm';

export class CapacityAwareDispatch1796191143483 implements MigrationInterface {
  name = 'CapacityAwareDispatch1796191143483';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."job_priority" AS ENUM('high', 'normal', 'low')
        `);
    await queryRunner.query(`
            ALTER TABLE "jobs"
            ADD "priority" "public"."job_priority" NOT NULL DEFAULT 'normal'
        `);
    await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."priority" IS 'Order among the owner''s jobs waiting for the same service: high, normal or low'
        `);
    await queryRunner.query(`
            ALTER TABLE "jobs"
            ADD "queued_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."queued_at" IS 'Since when the current step waits in its service''s line for a slot; null when not waiting. Time in line moves deadline_at on'
        `);
    await queryRunner.query(`
            ALTER TYPE "public"."step_status"
            ADD VALUE 'QUEUED'
        `);
    await queryRunner.query(`
            CREATE INDEX "jobs_owner_unfinished_idx" ON "jobs" ("owner")
            WHERE finished_at IS NULL
        `);
    await queryRunner.query(`
            CREATE VIEW "service_line" AS WITH w AS (
                SELECT j.id AS job_id,
                    j.owner,
                    j.priority,
                    j.queued_at,
                    j.current_step AS step,
                    row_number() OVER (
                        PARTITION BY j.current_step,
                        j.owner
                        ORDER BY j.priority,
                            j.queued_at,
                            j.id
                    ) AS turn,
                    min(j.queued_at) OVER (PARTITION BY j.current_step, j.owner) AS owner_since
                FROM jobs j
                WHERE j.queued_at IS NOT NULL
                    AND j.status = 'PROCESSING'
            )
            SELECT CASE
                    w.step
                    WHEN 'parse_prompt' THEN 'prompt-parser'
                    WHEN 'analyze_style' THEN 'style-analysis'
                    WHEN 'generate_sound' THEN 'sound-generation'
                    WHEN 'mix_master' THEN 'mixing-mastering'
                END AS service,
                w.step,
                w.job_id,
                w.owner,
                w.priority,
                w.queued_at,
                row_number() OVER (
                    PARTITION BY w.step
                    ORDER BY w.turn,
                        w.owner_since,
                        w.owner
                )::int AS position
            FROM w
        `);
    await queryRunner.query(
      `
            INSERT INTO "typeorm_metadata"(
                    "database",
                    "schema",
                    "table",
                    "type",
                    "name",
                    "value"
                )
            VALUES (DEFAULT, $1, DEFAULT, $2, $3, $4)
        `,
      [
        'public',
        'VIEW',
        'service_line',
        "WITH w AS (\n      SELECT j.id AS job_id, j.owner, j.priority, j.queued_at, j.current_step AS step,\n             row_number() OVER (PARTITION BY j.current_step, j.owner\n                                ORDER BY j.priority, j.queued_at, j.id) AS turn,\n             min(j.queued_at) OVER (PARTITION BY j.current_step, j.owner) AS owner_since\n        FROM jobs j\n       WHERE j.queued_at IS NOT NULL AND j.status = 'PROCESSING')\n    SELECT CASE w.step WHEN 'parse_prompt' THEN 'prompt-parser' WHEN 'analyze_style' THEN 'style-analysis' WHEN 'generate_sound' THEN 'sound-generation' WHEN 'mix_master' THEN 'mixing-mastering' END AS service, w.step, w.job_id, w.owner, w.priority, w.queued_at,\n           row_number() OVER (PARTITION BY w.step ORDER BY w.turn, w.owner_since, w.owner)::int AS position\n      FROM w",
      ],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `
            DELETE FROM "typeorm_metadata"
            WHERE "type" = $1
                AND "name" = $2
                AND "schema" = $3
        `,
      ['VIEW', 'service_line', 'public'],
    );
    await queryRunner.query(`
            DROP VIEW "service_line"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."jobs_owner_unfinished_idx"
        `);
    // A step waiting in a line goes back to PENDING: the older code has no such status.
    await queryRunner.query(
      `UPDATE "job_steps" SET "status" = 'PENDING' WHERE "status" = 'QUEUED'`,
    );
    // The step status type is replaced below; the view that reads it is made again after.
    const [{ definition }] = (await queryRunner.query(
      `SELECT pg_get_viewdef('step_stats_last_day'::regclass) AS definition`,
    )) as { definition: string }[];
    await queryRunner.query(`DROP VIEW "step_stats_last_day"`);
    await queryRunner.query(`
            CREATE TYPE "public"."step_status_old" AS ENUM(
                'PENDING',
                'RUNNING',
                'RETRYING',
                'SUCCEEDED',
                'FAILED',
                'CANCELLED'
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "job_steps"
            ALTER COLUMN "status" TYPE "public"."step_status_old" USING "status"::"text"::"public"."step_status_old"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."step_status"
        `);
    await queryRunner.query(`
            ALTER TYPE "public"."step_status_old"
            RENAME TO "step_status"
        `);
    await queryRunner.query(`CREATE VIEW "step_stats_last_day" AS ${definition}`);
    await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."queued_at" IS 'Since when the current step waits in its service''s line for a slot; null when not waiting. Time in line moves deadline_at on'
        `);
    await queryRunner.query(`
            ALTER TABLE "jobs" DROP COLUMN "queued_at"
        `);
    await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."priority" IS 'Order among the owner''s jobs waiting for the same service: high, normal or low'
        `);
    await queryRunner.query(`
            ALTER TABLE "jobs" DROP COLUMN "priority"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."job_priority"
        `);
  }
}
