import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { sep } from 'node:path';
import { ApiKeyCache } from '../auth/api-key-cache';
import { AppConfig } from '../config/app-config';
import { ARTIFACTS_ROUTE, ArtifactUrls } from './artifact-urls';
import {
  checkArtifactLink,
  LinkCheck,
  linkExpiry,
  signArtifactPath,
} from './artifact-link-signature';

/** Turns a download URL into the URL handed to a client. */
export type LinkSigner = (url: string) => string;

const unchanged: LinkSigner = (url) => url;

/**
 * Signed download links: with API keys configured, every link to a file this service
 * serves carries `expires` and `signature`, so an `<audio src>` plays it without a header.
 * Only callers who may see the job get its links, so the signature stands for the owner's
 * key. Without keys (loopback-only), links stay as they are.
 */
@Injectable()
export class ArtifactLinks implements OnApplicationBootstrap {
  private readonly logger = new Logger(ArtifactLinks.name);

  constructor(
    private readonly config: AppConfig,
    private readonly urls: ArtifactUrls,
    private readonly keys: ApiKeyCache,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.runsApi && this.config.artifactUrlKeyGenerated) {
      this.logger.warn({
        msg: 'ARTIFACT_URL_SECRET is not set: signed download links work only on this process and until it restarts. Set it (32+ characters) when several API processes serve the same clients.',
      });
    }
  }

  /** A signer for the links of one response; `origin` is its requestOrigin. */
  async signerFor(origin: string): Promise<LinkSigner> {
    if (!(await this.keys.keysConfigured())) return unchanged;
    const expires = linkExpiry(Date.now(), this.config.artifactUrlTtlSeconds);
    return (url) => {
      const file = this.servedFile(url, origin);
      if (file === undefined) return url;
      const signature = signArtifactPath(this.config.artifactUrlKey, file, expires);
      return `${url}${url.includes('?') ? '&' : '?'}expires=${expires}&signature=${signature}`;
    };
  }

  /** Checks the signature query of a download; `requested` is the path after `/artifacts/`. */
  check(requested: string, expires: unknown, signature: unknown): LinkCheck {
    const file = this.canonicalPath(requested);
    if (file === undefined) return 'invalid';
    return checkArtifactLink(this.config.artifactUrlKey, file, expires, signature);
  }

  /** The file behind a link to our own `/artifacts/` route; undefined for any other URL. */
  private servedFile(url: string, origin: string): string | undefined {
    const base = [origin, this.config.publicBaseUrl]
      .filter((candidate) => candidate !== undefined)
      .map((candidate) => `${candidate}${ARTIFACTS_ROUTE}/`)
      .find((prefix) => url.startsWith(prefix));
    if (base === undefined) return undefined;
    const encoded = url.slice(base.length).split(/[?#]/)[0];
    try {
      return this.canonicalPath(encoded.split('/').map(decodeURIComponent).join('/'));
    } catch {
      return undefined; // a malformed escape: no file of ours has that name
    }
  }

  /** The path inside ARTIFACTS_DIR, `/`-separated: what a signature covers. */
  private canonicalPath(requested: string): string | undefined {
    return this.urls.relativeToArtifacts(requested)?.split(sep).join('/');
  }
}
