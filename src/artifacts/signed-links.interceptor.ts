import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { mergeMap, Observable } from 'rxjs';
import { requestOrigin } from '../http/request-origin';
import { ArtifactLinks } from './artifact-links';

interface WithResult {
  result?: { final_track_url?: unknown } | null;
}

/**
 * The `result` objects carrying a `final_track_url`: of a job (GET /jobs/{id}, cancel,
 * retry) or of each item of a page (GET /jobs). Only this field is signed: it is written by
 * the pipeline, never by a client, so no caller can get a link to a file it did not make.
 */
function finalTrackResults(body: unknown): { final_track_url: string }[] {
  if (typeof body !== 'object' || body === null) return [];
  const items = (body as { items?: unknown }).items;
  const jobs: unknown[] = Array.isArray(items) ? items : [body];
  return jobs
    .map((job) => (typeof job === 'object' && job !== null ? (job as WithResult).result : null))
    .filter(
      (result): result is { final_track_url: string } =>
        typeof result?.final_track_url === 'string',
    );
}

/**
 * Signs the compatible `final_track_url` of job responses (see ArtifactLinks), whichever
 * controller shaped them, so the original clients keep an absolute URL string that plays.
 */
@Injectable()
export class SignedLinksInterceptor implements NestInterceptor {
  constructor(private readonly links: ArtifactLinks) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const origin = requestOrigin(context.switchToHttp().getRequest<FastifyRequest>());
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        const results = finalTrackResults(body);
        if (results.length === 0) return body;
        const sign = await this.links.signerFor(origin);
        for (const result of results) result.final_track_url = sign(result.final_track_url);
        return body;
      }),
    );
  }
}
