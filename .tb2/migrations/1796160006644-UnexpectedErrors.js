"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UnexpectedErrors1796160006644 = void 0;
class UnexpectedErrors1796160006644 {
    name = 'UnexpectedErrors1796160006644';
    async up(queryRunner) {
        await queryRunner.query(`
            ALTER TABLE "jobs"
            ADD "unexpected_errors" integer NOT NULL DEFAULT '0'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."unexpected_errors" IS 'Runs ended by an unexpected error of the job itself (not a service, not an outage) since it was created or retried; the job fails once they reach the budget'
        `);
    }
    async down(queryRunner) {
        await queryRunner.query(`
            COMMENT ON COLUMN "jobs"."unexpected_errors" IS 'Runs ended by an unexpected error of the job itself (not a service, not an outage) since it was created or retried; the job fails once they reach the budget'
        `);
        await queryRunner.query(`
            ALTER TABLE "jobs" DROP COLUMN "unexpected_errors"
        `);
    }
}
exports.UnexpectedErrors1796160006644 = UnexpectedErrors1796160006644;
//# sourceMappingURL=1796160006644-UnexpectedErrors.js.map