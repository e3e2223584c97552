"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.StepListVersion1796158136955 = void 0;
class StepListVersion1796158136955 {
    name = 'StepListVersion1796158136955';
    async up(queryRunner) {
        await queryRunner.query(`
            ALTER TABLE "jobs"
            ADD "step_list_version" integer NOT NULL DEFAULT '1'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."step_list_version" IS 'The version of the step list (STEP_LIST_VERSION) the job was created under; workers of an older list leave it to newer ones'
        `);
    }
    async down(queryRunner) {
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."step_list_version" IS 'The version of the step list (STEP_LIST_VERSION) the job was created under; workers of an older list leave it to newer ones'
        `);
        await queryRunner.query(`
            ALTER TABLE "jobs" DROP COLUMN "step_list_version"
        `);
    }
}
exports.StepListVersion1796158136955 = StepListVersion1796158136955;
//# sourceMappingURL=1796158136955-StepListVersion.js.map