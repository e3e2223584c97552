import { MigrationInterface, QueryRunner } from 'typeorm';

export class UnexpectedErrors1796160006644 implements MigrationInterface {
  name = 'UnexpectedErrors1796160006644';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "jobs"
            ADD "unexpected_errors" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."unexpected_errors" IS 'Runs ended by an unexpected error of the job itself (not a service, not an outage) since it was created or retried; the job fails once they reach the budget'
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."unexpected_errors" IS 'Runs ended by an unexpected error of the job itself (not a service, not an outage) since it was created or retried; the job fails once they reach the budget'
        `);
    await queryRunner.query(`
            ALTER TABLE "jobs" DROP COLUMN "unexpected_errors"
        `);
  }
}
