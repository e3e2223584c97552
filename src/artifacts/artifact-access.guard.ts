import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { basename, join } from 'node:path';
import { ApiKeyCache } from '../auth/api-key-cache';
import { AuthenticatedRequest, Authenticator } from '../auth/api-key.guard';
import { AppConfig } from '../config/app-config';
import { ArtifactLinks } from './artifact-links';
import { ArtifactOwnersRepository } from './artifact-owners.repository';
import { ArtifactUrls } from './artifact-urls';

/** The path after `/artifacts/`, as the wildcard route decoded it. */
export function requestedArtifact(request: FastifyRequest): string {
  const path = (request.params as Record<string, string | string[] | undefined>)['*'] ?? '';
  return Array.isArray(path) ? path.join('/') : path;
}

/**
 * Who may download a file once API keys exist: a link with a valid signature (what the API
 * hands out), or the key of the job's owner, or an admin key. A bad or expired signature is
 * 403; another key's file is 404, as another key's job is. Without keys, loopback clients
 * download as before.
 */
@Injectable()
export class ArtifactAccessGuard implements CanActivate {
  constructor(
    private readonly config: AppConfig,
    private readonly keys: ApiKeyCache,
    private readonly authenticator: Authenticator,
    private readonly links: ArtifactLinks,
    private readonly urls: ArtifactUrls,
    private readonly owners: ArtifactOwnersRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!(await this.keys.keysConfigured())) {
      request.principal = await this.authenticator.authenticate(request);
      return true;
    }
    const requested = requestedArtifact(request);
    const { expires, signature } = request.query as Record<string, unknown>;
    if (expires !== undefined || signature !== undefined) {
      switch (this.links.check(requested, expires, signature)) {
        case 'valid':
          return true;
        case 'expired':
          throw new ForbiddenException({
            detail: 'Download link expired: get a fresh one from GET /jobs/{job_id}/artifacts',
          });
        case 'invalid':
          throw new ForbiddenException({ detail: 'Download link signature is invalid' });
      }
    }
    const principal = await this.authenticator.authenticate(request);
    if (principal.isAdmin || (await this.isOwner(principal.name, requested))) {
      request.principal = principal; // a download by key: private (keepAuthenticatedAnswersPrivate)
      return true;
    }
    throw new NotFoundException({ detail: 'Artifact not found' });
  }

  private async isOwner(owner: string, requested: string): Promise<boolean> {
    // A NUL byte names no file, and PostgreSQL text cannot hold one.
    const rel = requested.includes('\0') ? undefined : this.urls.relativeToArtifacts(requested);
    if (rel === undefined) return false;
    const file = join(this.config.artifactsDir, rel);
    const locations = await this.owners.locationsEndingWith(owner, basename(rel));
    return locations.some((location) => this.urls.fileInArtifacts(location) === file);
  }
}
