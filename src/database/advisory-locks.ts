/**
 * Every PostgreSQL advisory lock this service takes, shared by all its processes: one
 * number per job that only one process may do at a time.
 */
export enum AdvisoryLock {
  Migrations = 7_340_111,
  ReconcilerSweep = 7_340_112,
  RetentionSweep = 7_340_125,
  /** The test suite's build of its migrated template database. */
  TestTemplate = 7_340_190,
}
