import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { AppConfig } from '../config/app-config';
import { OutboundUrlGuard } from '../outbound/outbound-url-guard';
import type { HttpTransport } from './http-transport';
import { audioContentType, ReferenceTrackFetcher, sniffAudio } from './reference-track.fetcher';
import { CallAbortedError, PermanentServiceError, TransientServiceError } from './service-errors';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );

describe('sniffAudio', () => {
  it('recognises every supported format by its magic bytes', () => {
    const cases: [Buffer, string][] = [
      [bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), 'audio/wav'],
      [bytes('ID3', [4, 0, 0, 0, 0, 0, 0]), 'audio/mpeg'],
      // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz: a tagless MP3 starts with its first frame.
      [bytes([0xff, 0xfb, 0x90, 0x64]), 'audio/mpeg'],
      // MPEG-2 Layer III, 64 kbit/s, 22.05 kHz.
      [bytes([0xff, 0xf3, 0x80, 0xc4]), 'audio/mpeg'],
      [bytes('fLaC', [0, 0, 0, 0x22]), 'audio/flac'],
      [bytes('OggS', [0, 2]), 'audio/ogg'],
      [bytes('FORM', [0, 0, 0, 0x2e], 'AIFFCOMM'), 'audio/aiff'],
      [bytes('FORM', [0, 0, 0, 0x2e], 'AIFCFVER'), 'audio/aiff'],
      [bytes([0, 0, 0, 0x20], 'ftypM4A ', [0, 0, 0, 0]), 'audio/mp4'],
      [bytes([0, 0, 0, 0x18], 'ftypmp42'), 'audio/mp4'],
    ];
    for (const [file, type] of cases) assert.equal(sniffAudio(file), type, file.toString('hex'));
  });

  it('refuses text and the non-audio files that share a container', () => {
    const cases: [Buffer, string][] = [
      [bytes('<!doctype html><html><body>Not found</body></html>'), 'HTML'],
      [bytes('{"detail":"not found"}'), 'JSON'],
      [bytes([0xef, 0xbb, 0xbf], '<html>'), 'UTF-8 HTML with a byte-order mark'],
      [bytes([0xff, 0xfe, 0x3c, 0x00, 0x68, 0x00]), 'UTF-16 HTML with a byte-order mark'],
      [bytes('RIFF', [0, 0, 0, 0], 'AVI LIST'), 'AVI video'],
      [bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'WebP image'],
      [bytes('FORM', [0, 0, 0, 0], 'ILBMBMHD'), 'IFF image'],
      [bytes([0, 0, 0, 0x18], 'ftypheic'), 'HEIF image'],
      [bytes([0, 0, 0, 0x1c], 'ftypavif'), 'AVIF image'],
      [bytes([0x89], 'PNG\r\n'), 'PNG image'],
      [bytes('RIF'), 'a truncated header'],
      [Buffer.alloc(0), 'an empty body'],
    ];
    for (const [file, what] of cases) assert.equal(sniffAudio(file), undefined, what);
  });
});

describe('audioContentType', () => {
  it('trusts the bytes over the Content-Type header', () => {
    const wav = bytes('RIFF', [0, 0, 0, 0], 'WAVE');
    assert.equal(audioContentType(wav, 'application/octet-stream'), 'audio/wav');
    assert.equal(audioContentType(wav, undefined), 'audio/wav');
    assert.equal(audioContentType(bytes('fLaC'), 'audio/wav'), 'audio/flac');
  });

  it('refuses HTML served as audio/wav, naming the reference track and the claimed type', () => {
    assert.throws(
      () => audioContentType(bytes('<html>oops</html>'), 'audio/wav; charset=binary'),
      (error: unknown) =>
        error instanceof PermanentServiceError &&
        error.service === 'reference-track' &&
        /^the reference track is not audio: .*WAV, MP3, FLAC, OGG, AIFF or M4A .*served as audio\/wav, 17 bytes/.test(
          error.message,
        ),
    );
    assert.throws(() => audioContentType(Buffer.alloc(0), undefined), /served as no content type/);
  });
});

describe('ReferenceTrackFetcher', () => {
  const config = new AppConfig({ REFERENCE_TRACK_TIMEOUT_MS: '300' });
  const fetchers: ReferenceTrackFetcher[] = [];

  after(async () => {
    for (const fetcher of fetchers) await fetcher.onModuleDestroy();
  });

  /** A fetcher whose download answers with `outcome` (bytes and type, or an error to throw). */
  function fetcherWith(outcome: { bytes: Buffer; contentType?: string } | Error) {
    const calls: { maxBytes: number; timeoutMs: number }[] = [];
    const transport = {
      download: (
        _service: string,
        _url: string,
        maxBytes: number,
        options: { timeoutMs: number },
      ) => {
        calls.push({ maxBytes, timeoutMs: options.timeoutMs });
        return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome);
      },
    } as unknown as HttpTransport;
    const fetcher = new ReferenceTrackFetcher(transport, config, new OutboundUrlGuard(config));
    fetchers.push(fetcher);
    return { fetcher, calls };
  }

  it('returns the bytes with the sniffed type and the file name, under the configured cap and timeout', async () => {
    const wav = bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt ');
    const { fetcher, calls } = fetcherWith({ bytes: wav, contentType: 'binary/octet-stream' });
    const file = await fetcher.fetch('http://files.example/tracks/my%20song.wav?x=1', {});
    assert.deepEqual(file, { bytes: wav, filename: 'my song.wav', contentType: 'audio/wav' });
    assert.deepEqual(calls, [{ maxBytes: config.referenceTrackMaxBytes, timeoutMs: 300 }]);
  });

  it('fails on HTML served as audio/wav', async () => {
    const { fetcher } = fetcherWith({ bytes: bytes('<html></html>'), contentType: 'audio/wav' });
    await assert.rejects(
      fetcher.fetch('http://files.example/ref.wav', {}),
      (error: unknown) =>
        error instanceof PermanentServiceError &&
        /reference track is not audio/.test(error.message),
    );
  });

  it('says a timeout or connection failure was the reference track download, and keeps it transient', async () => {
    const { fetcher } = fetcherWith(
      new TransientServiceError(
        'reference-track',
        'timed out after 300 ms',
        undefined,
        undefined,
        7,
      ),
    );
    await assert.rejects(fetcher.fetch('http://files.example/ref.wav', {}), (error: unknown) => {
      assert.ok(error instanceof TransientServiceError);
      assert.equal(error.message, 'could not download the reference track: timed out after 300 ms');
      assert.equal(error.retryAfterMs, 7);
      return true;
    });
    const tooBig = fetcherWith(
      new PermanentServiceError('reference-track', 'file is larger than the 10-byte limit'),
    );
    await assert.rejects(
      tooBig.fetcher.fetch('http://files.example/ref.wav', {}),
      (error: unknown) =>
        error instanceof PermanentServiceError &&
        error.message ===
          'could not download the reference track: file is larger than the 10-byte limit',
    );
  });

  it('says a status and its reason only, keeping the body out of the message; passes cancellation through', async () => {
    const status = new TransientServiceError(
      'reference-track',
      'reference-track answered 503: internal-db-7 is down',
      503,
      'internal-db-7 is down',
      2_000,
    );
    await assert.rejects(
      fetcherWith(status).fetcher.fetch('http://files.example/r.wav', {}),
      (error: unknown) => {
        assert.ok(error instanceof TransientServiceError);
        assert.equal(error.message, 'reference track answered 503 Service Unavailable');
        assert.equal(error.statusCode, 503);
        assert.equal(error.body, 'internal-db-7 is down', 'kept for the log');
        assert.equal(error.retryAfterMs, 2_000);
        return true;
      },
    );
    await assert.rejects(
      fetcherWith(
        new PermanentServiceError('reference-track', 'reference-track answered 499: x', 499, 'x'),
      ).fetcher.fetch('http://files.example/r.wav', {}),
      (error: unknown) =>
        error instanceof PermanentServiceError && error.message === 'reference track answered 499',
    );
    const cancelled = new CallAbortedError('cancelled');
    await assert.rejects(
      fetcherWith(cancelled).fetcher.fetch('http://files.example/r.wav', {}),
      (e) => e === cancelled,
    );
  });
});
