"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.JobListSearch1796109848029 = void 0;
class JobListSearch1796109848029 {
    name = 'JobListSearch1796109848029';
    async up(queryRunner) {
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        await queryRunner.query(`CREATE INDEX "jobs_prompt_trgm_idx" ON "jobs" USING gin ("prompt" gin_trgm_ops)`);
        await queryRunner.query(`COMMENT ON INDEX "jobs_prompt_trgm_idx" IS 'Trigram index for the free-text search of GET /jobs?q='`);
    }
    async down(queryRunner) {
        await queryRunner.query(`DROP INDEX "public"."jobs_prompt_trgm_idx"`);
    }
}
exports.JobListSearch1796109848029 = JobListSearch1796109848029;
//# sourceMappingURL=1796109848029-JobListSearch.js.map