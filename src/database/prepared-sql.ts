import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { SqlRunner } from '../jobs/state/transition-context';

/**
 * Runs fixed SQL on a pg pool, as named prepared statements where it pays. PostgreSQL then
 * parses and plans each statement once per connection instead of on every call: for the
 * multi-CTE state changes of a running job, planning cost more than executing (measured
 * with pgbench -M prepared: +50% inserts/s). The name is a hash of the text, so a
 * statement is prepared once however many places run it.
 *
 * `planned` is for the rare requests and periodic sweeps: each call is planned for its own
 * parameters, so a plan made while a table was small never keeps scanning it.
 */
export class PoolSql implements SqlRunner {
  private readonly names = new Map<string, string>();

  constructor(private readonly pool: () => Pool) {}

  async prepared<T>(text: string, values: unknown[] = []): Promise<T[]> {
    const result = await this.pool().query({ name: this.nameOf(text), text, values });
    return result.rows as T[];
  }

  async planned<T>(text: string, values: unknown[] = []): Promise<T[]> {
    const result = await this.pool().query(text, values);
    return result.rows as T[];
  }

  private nameOf(text: string): string {
    let name = this.names.get(text);
    if (name === undefined) {
      name = `s_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      this.names.set(text, name);
    }
    return name;
  }
}

/** The app's runner, on the pg Pool TypeORM's postgres driver keeps (its `master`; no replicas). */
@Injectable()
export class PreparedSql extends PoolSql {
  constructor(@InjectDataSource() db: DataSource) {
    super(() => (db.driver as unknown as { master: Pool }).master);
  }
}
