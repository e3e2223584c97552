import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ARTIFACT_FIELDS } from '../pipeline/steps';

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
    // One row per artifact field the steps declare: (step, field, kind).
    const rows: { location: string }[] = await this.db.query(
      `SELECT l.location
         FROM jobs j
         JOIN job_steps s ON s.job_id = j.id AND s.step = ANY($3::text[])
         JOIN unnest($3::text[], $4::text[], $5::text[]) AS a(step, field, kind) ON a.step = s.step
         CROSS JOIN LATERAL (
           SELECT s.output->>a.field AS location WHERE a.kind <> 'stem'
           UNION ALL
           SELECT stem.value FROM jsonb_each_text(
             CASE WHEN a.kind = 'stem' AND jsonb_typeof(s.output->a.field) = 'object'
                  THEN s.output->a.field ELSE '{}'::jsonb END) stem
         ) l
        WHERE j.owner = $1 AND right(l.location, length($2)) = $2`,
      [
        owner,
        fileName,
        ARTIFACT_FIELDS.map((artifact) => artifact.step.name),
        ARTIFACT_FIELDS.map((artifact) => artifact.field),
        ARTIFACT_FIELDS.map((artifact) => artifact.kind),
      ],
    );
    return rows.map((row) => row.location);
  }
}
