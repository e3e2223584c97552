import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Agent, Dispatcher, interceptors } from 'undici';
import { AppConfig } from '../config/app-config';
import { OutboundUrlGuard } from '../security/outbound-url-guard';
import { CallOptions, HttpTransport } from './http-transport';
import { PermanentServiceError } from './service-errors';
import type { AudioFile } from './style-analysis.client';

const AUDIO_MAGIC: { bytes: string; offset: number; type: string }[] = [
  { bytes: 'RIFF', offset: 0, type: 'audio/wav' },
  { bytes: 'fLaC', offset: 0, type: 'audio/flac' },
  { bytes: 'OggS', offset: 0, type: 'audio/ogg' },
  { bytes: 'ID3', offset: 0, type: 'audio/mpeg' },
  { bytes: 'FORM', offset: 0, type: 'audio/aiff' },
  { bytes: 'ftyp', offset: 4, type: 'audio/mp4' },
];

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
    const { bytes, contentType } = await this.transport.download(
      ReferenceTrackFetcher.service,
      url,
      this.config.referenceTrackMaxBytes,
      { ...options, timeoutMs: this.config.referenceTrackTimeoutMs },
      this.dispatcher,
    );
    const sniffed = sniffAudio(bytes);
    const declared = contentType?.split(';')[0].trim().toLowerCase();
    if (!sniffed && !declared?.startsWith('audio/')) {
      throw new PermanentServiceError(
        ReferenceTrackFetcher.service,
        `reference track is not audio (content type ${declared ?? 'unknown'})`,
      );
    }
    const name =
      decodeURIComponent(new URL(url).pathname.split('/').pop() || 'reference') || 'reference';
    return {
      bytes,
      filename: name,
      contentType: sniffed ?? declared ?? 'application/octet-stream',
    };
  }
}

export function sniffAudio(bytes: Buffer): string | undefined {
  if (
    bytes.length >= 12 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) !== 'WAVE'
  ) {
    return undefined;
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0) return 'audio/mpeg';
  return AUDIO_MAGIC.find(
    (magic) =>
      bytes.toString('latin1', magic.offset, magic.offset + magic.bytes.length) === magic.bytes,
  )?.type;
}
