import { MigrationInterface, QueryRunner } from 'typeorm';

export class JobQuality1796191847812 implements MigrationInterface {
  name = 'JobQuality1796191847812';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "jobs"
            ADD "quality" jsonb
        `);
    await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."quality" IS 'The quality check of the master: measured, corrected or failed; null until checked'
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."quality" IS 'The quality check of the master: measured, corrected or failed; null until checked'
        `);
    await queryRunner.query(`
            ALTER TABLE "jobs" DROP COLUMN "quality"
        `);
  }
}
