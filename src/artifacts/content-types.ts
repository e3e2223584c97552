import { extname } from 'node:path';

/** The formats the pipeline produces; anything else is served as opaque bytes. */
const CONTENT_TYPES: Record<string, string> = {
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.flac': 'audio/flac',
  '.ogg': 'audio/ogg',
  '.json': 'application/json',
};

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** Content type by file extension, for a file path or an http(s) URL (by its path). */
export function contentTypeFor(pathOrUrl: string): string {
  const isUrl = /^https?:\/\//i.test(pathOrUrl) && URL.canParse(pathOrUrl);
  const path = isUrl ? new URL(pathOrUrl).pathname : pathOrUrl;
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? DEFAULT_CONTENT_TYPE;
}
