import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Reads who produced which file: the step checkpoints that name it. */
@Injectable()
export class ArtifactOwnersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The stem and master locations (as the services named them) of `owner`'s jobs that end
   * in `fileName`; the caller resolves them to files. Walks that owner's jobs (by the owner
   * index): fine for downloads with a key header, which are the exception; links handed out
   * by the API are signed and need no query.
   */
  async locationsEndingWith(owner: string, fileName: string): Promise<string[]> {
    const rows: { location: string }[] = await this.db.query(
      `SELECT l.location
         FROM jobs j
         JOIN job_steps s ON s.job_id = j.id AND s.step IN ('generate_sound', 'mix_master')
         CROSS JOIN LATERAL (
           SELECT s.output->>'output_path' AS location WHERE s.step = 'mix_master'
           UNION ALL
           SELECT stem.value FROM jsonb_each_text(
             CASE WHEN s.step = 'generate_sound' AND jsonb_typeof(s.output->'stems') = 'object'
                  THEN s.output->'stems' ELSE '{}'::jsonb END) stem
         ) l
        WHERE j.owner = $1 AND right(l.location, length($2)) = $2`,
      [owner, fileName],
    );
    return rows.map((row) => row.location);
  }
}
