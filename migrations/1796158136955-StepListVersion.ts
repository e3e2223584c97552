import { MigrationInterface, QueryRunner } from 'typeorm';

export class StepListVersion1796158136955 implements MigrationInterface {
  name = 'StepListVersion1796158136955';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "jobs"
            ADD "step_list_version" integer NOT NULL DEFAULT '1'
        `);
    await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."step_list_version" IS 'The version of the step list (STEP_LIST_VERSION) the job was created under; workers of an older list leave it to newer ones'
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."step_list_version" IS 'The version of the step list (STEP_LIST_VERSION) the job was created under; workers of an older list leave it to newer ones'
        `);
    await queryRunner.query(`
            ALTER TABLE "jobs" DROP COLUMN "step_list_version"
        `);
  }
}
