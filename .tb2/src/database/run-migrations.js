"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.runMigrationsLocked = runMigrationsLocked;
const advisory_locks_1 = require("./advisory-locks");
async function runMigrationsLocked(dataSource) {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
        await runner.query('SELECT pg_advisory_lock($1)', [advisory_locks_1.AdvisoryLock.Migrations]);
        await dataSource.runMigrations({ transaction: 'all' });
    }
    finally {
        await runner
            .query('SELECT pg_advisory_unlock($1)', [advisory_locks_1.AdvisoryLock.Migrations])
            .catch(() => undefined);
        await runner.release();
    }
}
//# sourceMappingURL=run-migrations.js.map