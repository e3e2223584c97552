import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { Agent, Dispatcher, interceptors } from 'undici';
import { AppConfig } from '../config/app-config';
import { OutboundUrlGuard } from '../outbound/outbound-url-guard';
import { CallOptions, HttpTransport } from './http-transport';
import { PermanentServiceError, ServiceError, TransientServiceError } from './service-errors';

/** A file to upload, as the style analysis takes it. */
export interface AudioFile {
  bytes: Buffer;
  filename: string;
  contentType: string;
}

/** Redirects a reference track URL may take; each hop is checked by the SSRF guard. */
const MAX_REDIRECTIONS = 3;
const CONNECT_TIMEOUT_MS = 5_000;

/** Downloads the user's reference track with a size cap and timeout, and checks it is audio. */
@Injectable()
export class ReferenceTrackFetcher implements OnModuleDestroy {
  static readonly service = 'reference-track';
  /**
   * The URL is the user's: every connection, to the first host and to any redirect target,
   * goes only where the SSRF guard allows (the check at create time sees only the first).
   */
  private readonly agent: Agent;
  private readonly dispatcher: Dispatcher;

  constructor(
    private readonly transport: HttpTransport,
    private readonly config: AppConfig,
    guard: OutboundUrlGuard,
  ) {
    this.agent = new Agent({
      keepAliveTimeout: 10_000,
      connect: guard.connector('reference_track_url', CONNECT_TIMEOUT_MS),
    });
    this.dispatcher = this.agent.compose(
      interceptors.redirect({ maxRedirections: MAX_REDIRECTIONS }),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.agent.close();
  }

  async fetch(url: string, options: Omit<CallOptions, 'timeoutMs'>): Promise<AudioFile> {
    const { bytes, contentType } = await this.download(url, options);
    return {
      bytes,
      filename: referenceTrackFilename(url),
      contentType: audioContentType(bytes, contentType),
    };
  }

  private async download(url: string, options: Omit<CallOptions, 'timeoutMs'>) {
    try {
      return await this.transport.download(
        ReferenceTrackFetcher.service,
        url,
        this.config.referenceTrackMaxBytes,
        { ...options, timeoutMs: this.config.referenceTrackTimeoutMs },
        this.dispatcher,
      );
    } catch (error) {
      throw namedAfterTheTrack(error);
    }
  }
}

/**
 * The name the track is uploaded under: the URL's last path segment, decoded. A segment
 * whose escapes are not UTF-8 (`%E9` from a Latin-1 server, or a malformed one that got
 * past validation) is kept as written rather than failing the download it names.
 */
export function referenceTrackFilename(url: string): string {
  const segment = new URL(url).pathname.split('/').pop() ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    decoded = segment;
  }
  return decoded || 'reference';
}

/**
 * The user sees this message in `result.error`: a bare "timed out after 300 ms" does not say
 * what timed out. A status error says the status and its reason only ("reference track
 * answered 404 Not Found"): the host is the user's, but what its error page says (an
 * internal host name, a stack trace) is for the log, where the runner writes `error.body`.
 */
function namedAfterTheTrack(error: unknown): unknown {
  if (!(error instanceof ServiceError)) return error;
  const status = error.statusCode;
  const message =
    status === undefined
      ? `could not download the reference track: ${error.message}`
      : `reference track answered ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`;
  return error instanceof TransientServiceError
    ? new TransientServiceError(error.service, message, status, error.body, error.retryAfterMs)
    : new PermanentServiceError(error.service, message, status, error.body);
}

/**
 * The type to upload the track as, from its bytes. A server's Content-Type is only a claim
 * (an error page is often served as `audio/wav`), so bytes that are no known audio format
 * fail the job, whatever the header says.
 */
export function audioContentType(bytes: Buffer, declaredContentType: string | undefined): string {
  const sniffed = sniffAudio(bytes);
  if (sniffed) return sniffed;
  const declared = declaredContentType?.split(';')[0].trim().toLowerCase() || 'no content type';
  throw new PermanentServiceError(
    ReferenceTrackFetcher.service,
    `the reference track is not audio: its bytes are not WAV, MP3, FLAC, OGG, AIFF or M4A (served as ${declared}, ${bytes.length} bytes)`,
  );
}

/** Formats the style analysis can be sent, by their magic bytes (container checks included). */
export function sniffAudio(bytes: Buffer): string | undefined {
  const ascii = (start: number, end: number) =>
    bytes.length >= end ? bytes.toString('latin1', start, end) : '';
  if (ascii(0, 4) === 'RIFF') return ascii(8, 12) === 'WAVE' ? 'audio/wav' : undefined;
  if (ascii(0, 4) === 'FORM') {
    const form = ascii(8, 12);
    return form === 'AIFF' || form === 'AIFC' ? 'audio/aiff' : undefined;
  }
  if (ascii(0, 4) === 'fLaC') return 'audio/flac';
  if (ascii(0, 4) === 'OggS') return 'audio/ogg';
  // ID3v2 tag: "ID3" then a major version byte that is never 0xFF.
  if (ascii(0, 3) === 'ID3' && bytes[3] !== 0xff) return 'audio/mpeg';
  if (isMpegAudioFrame(bytes)) return 'audio/mpeg';
  if (ascii(4, 8) === 'ftyp') return NON_AUDIO_BRANDS.has(ascii(8, 12)) ? undefined : 'audio/mp4';
  return undefined;
}

/** HEIF and AVIF images share the ISO box format (and its `ftyp` box) with M4A. */
const NON_AUDIO_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis']);

/**
 * An MPEG audio frame header: 11 sync bits (0xFFE), then no reserved version, layer,
 * bitrate or sample-rate value. Without those checks a UTF-16 byte-order mark (FF FE)
 * would pass as MP3.
 */
function isMpegAudioFrame(bytes: Buffer): boolean {
  if (bytes.length < 4 || bytes[0] !== 0xff || (bytes[1] & 0xe0) !== 0xe0) return false;
  const version = (bytes[1] >> 3) & 0b11;
  const layer = (bytes[1] >> 1) & 0b11;
  const bitrate = bytes[2] >> 4;
  const sampleRate = (bytes[2] >> 2) & 0b11;
  return version !== 0b01 && layer !== 0b00 && bitrate !== 0b1111 && sampleRate !== 0b11;
}
