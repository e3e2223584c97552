import { Injectable } from '@nestjs/common';
// The file-serving engine of @fastify/static (same maintainers, installed with it): Range,
// If-Range, conditional requests, ETag and Last-Modified, without a plugin of its own.
import send, { SendOptions } from '@fastify/send';
import type { IncomingMessage } from 'node:http';
import { realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { AppConfig } from '../config/app-config';
import { ArtifactUrls, leavesRoot } from './artifact-urls';
import { contentTypeFor } from './content-types';

const SEND_OPTIONS: SendOptions = {
  acceptRanges: true,
  etag: true,
  lastModified: true,
  // Downloads need an API key, so shared caches must not keep them.
  cacheControl: false,
  // One table of types for downloads and the artifact list (see content-types.ts).
  contentType: false,
  dotfiles: 'ignore',
  index: false,
};

/** What to answer a download with; the controller only copies it onto the reply. */
export type ArtifactDownload =
  | { kind: 'file'; statusCode: number; headers: Record<string, string | number>; body: Readable }
  | { kind: 'not-modified'; headers: Record<string, string | number> }
  | { kind: 'range-not-satisfiable'; size: number; contentRange: string }
  | { kind: 'precondition-failed' }
  | { kind: 'not-found' };

/**
 * Serves files of ARTIFACTS_DIR and nothing else: the requested path and its real path
 * (symlinks followed) must both stay inside the directory. One `Range` is served as 206;
 * several ranges are answered with the whole file (200), as RFC 9110 allows.
 */
@Injectable()
export class ArtifactFiles {
  constructor(
    private readonly config: AppConfig,
    private readonly urls: ArtifactUrls,
  ) {}

  async open(requested: string, request: IncomingMessage): Promise<ArtifactDownload> {
    const file = await this.resolveInside(requested);
    if (file === undefined) return { kind: 'not-found' };
    const urlPath = `/${file.relative.split(sep).map(encodeURIComponent).join('/')}`;
    const sent = await send(request, urlPath, { ...SEND_OPTIONS, root: file.root });
    if (sent.type === 'file') {
      if (sent.statusCode === 304) return { kind: 'not-modified', headers: sent.headers };
      return {
        kind: 'file',
        statusCode: sent.statusCode,
        headers: { ...sent.headers, 'Content-Type': contentTypeFor(file.relative) },
        body: sent.stream,
      };
    }
    sent.stream.destroy();
    if (sent.type === 'directory') return { kind: 'not-found' };
    switch (sent.statusCode) {
      case 416: {
        const contentRange = sent.headers['Content-Range'] ?? '';
        const size = Number(/\/(\d+)$/.exec(contentRange)?.[1] ?? 0);
        return { kind: 'range-not-satisfiable', size, contentRange };
      }
      case 412:
        return { kind: 'precondition-failed' };
      case 403: // a dot segment, with `dotfiles: 'ignore'`
      case 404:
        return { kind: 'not-found' };
      default:
        throw sent.metadata.error;
    }
  }

  /** The real root and the file's real path under it, or undefined when it leaves the root. */
  private async resolveInside(
    requested: string,
  ): Promise<{ root: string; relative: string } | undefined> {
    // The URL path is relative to the route; an absolute one would name any file system path.
    if (requested === '' || isAbsolute(requested) || requested.includes('\0')) return undefined;
    const rel = this.urls.relativeToArtifacts(requested);
    if (rel === undefined) return undefined;
    const root = await realpath(this.config.artifactsDir).catch(() => undefined);
    const real = await realpath(join(this.config.artifactsDir, rel)).catch(() => undefined);
    if (root === undefined || real === undefined) return undefined;
    const inside = relative(root, real);
    if (leavesRoot(inside)) return undefined;
    return { root, relative: inside };
  }
}
