import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { AppConfig } from '../config/app-config';

/** Route prefix under which files in ARTIFACTS_DIR are served. */
export const ARTIFACTS_ROUTE = '/artifacts';

/** Where an artifact can be downloaded, and its file when this service serves it. */
export interface ArtifactLocation {
  /**
   * Absolute URL; root-relative under ARTIFACTS_ROUTE when this service serves the file (see
   * `absoluteUrl`); or, for a file of another server with no ARTIFACT_BASE_URL to reach
   * it, the path exactly as the mixing service returned it.
   */
  url: string;
  /** The file in ARTIFACTS_DIR behind `url`; undefined when another server holds it. */
  file: string | undefined;
}

const HTTP_URL = /^https?:\/\//i;

/**
 * Turns the mixing service's `output_path` into the URL users download: absolute URLs are
 * kept, paths are joined to ARTIFACT_BASE_URL, and files in ARTIFACTS_DIR are served by this
 * service (stored root-relative unless PUBLIC_BASE_URL is set; the API makes them absolute
 * on requestOrigin: PUBLIC_BASE_URL, or else a `Host` that passed the allow-list). Any other path is kept as it is, as the original
 * service did: work that completed is never failed for how its URL is spelled.
 */
@Injectable()
export class ArtifactUrls implements OnApplicationBootstrap {
  private readonly logger = new Logger(ArtifactUrls.name);

  constructor(private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    if (this.config.serviceUrls.mix_master !== undefined && !this.config.artifactBaseUrl)
      this.logger.warn({
        msg: 'MIXING_MASTERING_URL is set without ARTIFACT_BASE_URL: final tracks outside ARTIFACTS_DIR are shown as the paths the mixing service returns, not as download links',
      });
  }

  downloadUrlFor(outputPath: string): string {
    return this.locate(outputPath).url;
  }

  /** Where `outputPath` is downloaded, and the local file when it is ours to serve. */
  locate(outputPath: string): ArtifactLocation {
    if (HTTP_URL.test(outputPath)) return { url: outputPath, file: undefined };
    if (this.config.artifactBaseUrl) {
      const url = `${this.config.artifactBaseUrl}/${outputPath.replace(/^\/+/, '')}`;
      return { url, file: undefined };
    }
    const rel = this.relativeToArtifacts(outputPath);
    if (rel === undefined) return { url: outputPath, file: undefined };
    const path = `${ARTIFACTS_ROUTE}/${rel.split(sep).map(encodeURIComponent).join('/')}`;
    return {
      url: `${this.config.publicBaseUrl ?? ''}${path}`,
      file: join(this.config.artifactsDir, rel),
    };
  }

  /**
   * The file in ARTIFACTS_DIR a service output path names, whoever serves it; undefined
   * for URLs and for paths anywhere else.
   */
  fileInArtifacts(outputPath: string): string | undefined {
    if (HTTP_URL.test(outputPath)) return undefined;
    const rel = this.relativeToArtifacts(outputPath);
    return rel === undefined ? undefined : join(this.config.artifactsDir, rel);
  }

  /** The path inside ARTIFACTS_DIR, or undefined when it points anywhere else. */
  relativeToArtifacts(path: string): string | undefined {
    const absolute = isAbsolute(path) ? resolve(path) : resolve(this.config.artifactsDir, path);
    const rel = relative(this.config.artifactsDir, absolute);
    if (leavesRoot(rel)) return undefined;
    return rel;
  }
}

/**
 * Makes a stored link to a file this service serves absolute against `origin` (see
 * requestOrigin); anything else (another server's URL or path) is left as it is.
 */
export function absoluteUrl(url: string, origin: string): string {
  return url.startsWith(`${ARTIFACTS_ROUTE}/`) ? `${origin}${url}` : url;
}

/** True for a `path.relative` result that is the root itself or anywhere outside it. */
export function leavesRoot(rel: string): boolean {
  return rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}
