import { Injectable } from '@nestjs/common';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { AppConfig } from '../config/app-config';

/** Route prefix under which files in ARTIFACTS_DIR are served. */
export const ARTIFACTS_ROUTE = '/artifacts';

/**
 * Turns the mixing service's `output_path` into the URL users download: absolute URLs are
 * kept, paths are joined to ARTIFACT_BASE_URL, and files in ARTIFACTS_DIR are served by this
 * service (stored root-relative unless PUBLIC_BASE_URL is set; the API makes them absolute
 * with the address the client used).
 */
@Injectable()
export class ArtifactUrls {
  constructor(private readonly config: AppConfig) {}

  downloadUrlFor(outputPath: string): string | undefined {
    if (/^https?:\/\//i.test(outputPath)) return outputPath;
    if (this.config.artifactBaseUrl) {
      return `${this.config.artifactBaseUrl}/${outputPath.replace(/^\/+/, '')}`;
    }
    const rel = this.relativeToArtifacts(outputPath);
    if (rel === undefined) return undefined;
    const path = `${ARTIFACTS_ROUTE}/${rel.split(sep).map(encodeURIComponent).join('/')}`;
    return `${this.config.publicBaseUrl ?? ''}${path}`;
  }

  /** The path inside ARTIFACTS_DIR, or undefined when it points anywhere else. */
  relativeToArtifacts(path: string): string | undefined {
    const absolute = isAbsolute(path) ? resolve(path) : resolve(this.config.artifactsDir, path);
    const rel = relative(this.config.artifactsDir, absolute);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
    return rel;
  }
}

/** Makes a stored root-relative URL absolute against the origin the client reached us at. */
export function absoluteUrl(url: string, origin: string): string {
  return url.startsWith('/') ? `${origin}${url}` : url;
}
