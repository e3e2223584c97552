"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ApiKeyLastUsed1796159334913 = void 0;
class ApiKeyLastUsed1796159334913 {
    name = 'ApiKeyLastUsed1796159334913';
    async up(queryRunner) {
        await queryRunner.query(`
            ALTER TABLE "api_keys"
            ADD "last_used_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "api_keys"."last_used_at" IS 'When the key last authenticated a request (written at most once a minute)'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "api_keys"."name" IS 'Key name; owner of the jobs it creates (shared by a key and the ones it replaced)'
        `);
        await queryRunner.query(`
            ALTER TABLE "api_keys" DROP CONSTRAINT "UQ_5457f77c4528c36c3d810bf6b70"
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "api_keys"."revoked_at" IS 'When the key stops working (takes effect within 5 s); in the future during a rotation grace period'
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "api_keys_name_unrevoked" ON "api_keys" ("name")
            WHERE revoked_at IS NULL
        `);
    }
    async down(queryRunner) {
        await queryRunner.query(`
            DROP INDEX "public"."api_keys_name_unrevoked"
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "api_keys"."revoked_at" IS 'Set to revoke the key (takes effect within 5 s)'
        `);
        await queryRunner.query(`
            ALTER TABLE "api_keys"
            ADD CONSTRAINT "UQ_5457f77c4528c36c3d810bf6b70" UNIQUE ("name")
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "api_keys"."name" IS 'Key name; owner of the jobs it creates'
        `);
        await queryRunner.query(`
            COMMENT ON COLUMN "api_keys"."last_used_at" IS 'When the key last authenticated a request (written at most once a minute)'
        `);
        await queryRunner.query(`
            ALTER TABLE "api_keys" DROP COLUMN "last_used_at"
        `);
    }
}
exports.ApiKeyLastUsed1796159334913 = ApiKeyLastUsed1796159334913;
//# sourceMappingURL=1796159334913-ApiKeyLastUsed.js.map