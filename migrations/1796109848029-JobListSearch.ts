import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Free-text search of `GET /jobs?q=`: a trigram index on the prompt, so `prompt ILIKE
 * '%term%'` finds a rare term without reading the table. TypeORM cannot generate a GIN
 * index with an operator class, so this migration is written by hand; the entity declares
 * the index with `synchronize: false`. `prompt` is written once, so the index costs an
 * insert and never a HOT update.
 */
export class JobListSearch1796109848029 implements MigrationInterface {
  name = 'JobListSearch1796109848029';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "jobs_prompt_trgm_idx" ON "jobs" USING gin ("prompt" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `COMMENT ON INDEX "jobs_prompt_trgm_idx" IS 'Trigram index for the free-text search of GET /jobs?q='`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."jobs_prompt_trgm_idx"`);
  }
}
