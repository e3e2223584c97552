"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const app_config_1 = require("../config/app-config");
const outbound_url_guard_1 = require("../outbound/outbound-url-guard");
const reference_track_fetcher_1 = require("./reference-track.fetcher");
const service_errors_1 = require("./service-errors");
const bytes = (...parts) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
(0, node_test_1.describe)('sniffAudio', () => {
    (0, node_test_1.it)('recognises every supported format by its magic bytes', () => {
        const cases = [
            [bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), 'audio/wav'],
            [bytes('ID3', [4, 0, 0, 0, 0, 0, 0]), 'audio/mpeg'],
            [bytes([0xff, 0xfb, 0x90, 0x64]), 'audio/mpeg'],
            [bytes([0xff, 0xf3, 0x80, 0xc4]), 'audio/mpeg'],
            [bytes('fLaC', [0, 0, 0, 0x22]), 'audio/flac'],
            [bytes('OggS', [0, 2]), 'audio/ogg'],
            [bytes('FORM', [0, 0, 0, 0x2e], 'AIFFCOMM'), 'audio/aiff'],
            [bytes('FORM', [0, 0, 0, 0x2e], 'AIFCFVER'), 'audio/aiff'],
            [bytes([0, 0, 0, 0x20], 'ftypM4A ', [0, 0, 0, 0]), 'audio/mp4'],
            [bytes([0, 0, 0, 0x18], 'ftypmp42'), 'audio/mp4'],
        ];
        for (const [file, type] of cases)
            strict_1.default.equal((0, reference_track_fetcher_1.sniffAudio)(file), type, file.toString('hex'));
    });
    (0, node_test_1.it)('refuses text and the non-audio files that share a container', () => {
        const cases = [
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
        for (const [file, what] of cases)
            strict_1.default.equal((0, reference_track_fetcher_1.sniffAudio)(file), undefined, what);
    });
});
(0, node_test_1.describe)('audioContentType', () => {
    (0, node_test_1.it)('trusts the bytes over the Content-Type header', () => {
        const wav = bytes('RIFF', [0, 0, 0, 0], 'WAVE');
        strict_1.default.equal((0, reference_track_fetcher_1.audioContentType)(wav, 'application/octet-stream'), 'audio/wav');
        strict_1.default.equal((0, reference_track_fetcher_1.audioContentType)(wav, undefined), 'audio/wav');
        strict_1.default.equal((0, reference_track_fetcher_1.audioContentType)(bytes('fLaC'), 'audio/wav'), 'audio/flac');
    });
    (0, node_test_1.it)('refuses HTML served as audio/wav, naming the reference track and the claimed type', () => {
        strict_1.default.throws(() => (0, reference_track_fetcher_1.audioContentType)(bytes('<html>oops</html>'), 'audio/wav; charset=binary'), (error) => error instanceof service_errors_1.PermanentServiceError &&
            error.service === 'reference-track' &&
            /^the reference track is not audio: .*WAV, MP3, FLAC, OGG, AIFF or M4A .*served as audio\/wav, 17 bytes/.test(error.message));
        strict_1.default.throws(() => (0, reference_track_fetcher_1.audioContentType)(Buffer.alloc(0), undefined), /served as no content type/);
    });
});
(0, node_test_1.describe)('ReferenceTrackFetcher', () => {
    const config = new app_config_1.AppConfig({ REFERENCE_TRACK_TIMEOUT_MS: '300' });
    const fetchers = [];
    (0, node_test_1.after)(async () => {
        for (const fetcher of fetchers)
            await fetcher.onModuleDestroy();
    });
    function fetcherWith(outcome) {
        const calls = [];
        const transport = {
            download: (_service, _url, maxBytes, options) => {
                calls.push({ maxBytes, timeoutMs: options.timeoutMs });
                return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome);
            },
        };
        const fetcher = new reference_track_fetcher_1.ReferenceTrackFetcher(transport, config, new outbound_url_guard_1.OutboundUrlGuard(config));
        fetchers.push(fetcher);
        return { fetcher, calls };
    }
    (0, node_test_1.it)('returns the bytes with the sniffed type and the file name, under the configured cap and timeout', async () => {
        const wav = bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt ');
        const { fetcher, calls } = fetcherWith({ bytes: wav, contentType: 'binary/octet-stream' });
        const file = await fetcher.fetch('http://files.example/tracks/my%20song.wav?x=1', {});
        strict_1.default.deepEqual(file, { bytes: wav, filename: 'my song.wav', contentType: 'audio/wav' });
        strict_1.default.deepEqual(calls, [{ maxBytes: config.referenceTrackMaxBytes, timeoutMs: 300 }]);
    });
    (0, node_test_1.it)('fails on HTML served as audio/wav', async () => {
        const { fetcher } = fetcherWith({ bytes: bytes('<html></html>'), contentType: 'audio/wav' });
        await strict_1.default.rejects(fetcher.fetch('http://files.example/ref.wav', {}), (error) => error instanceof service_errors_1.PermanentServiceError &&
            /reference track is not audio/.test(error.message));
    });
    (0, node_test_1.it)('says a timeout or connection failure was the reference track download, and keeps it transient', async () => {
        const { fetcher } = fetcherWith(new service_errors_1.TransientServiceError('reference-track', 'timed out after 300 ms', undefined, undefined, 7));
        await strict_1.default.rejects(fetcher.fetch('http://files.example/ref.wav', {}), (error) => {
            strict_1.default.ok(error instanceof service_errors_1.TransientServiceError);
            strict_1.default.equal(error.message, 'could not download the reference track: timed out after 300 ms');
            strict_1.default.equal(error.retryAfterMs, 7);
            return true;
        });
        const tooBig = fetcherWith(new service_errors_1.PermanentServiceError('reference-track', 'file is larger than the 10-byte limit'));
        await strict_1.default.rejects(tooBig.fetcher.fetch('http://files.example/ref.wav', {}), (error) => error instanceof service_errors_1.PermanentServiceError &&
            error.message ===
                'could not download the reference track: file is larger than the 10-byte limit');
    });
    (0, node_test_1.it)('says a status and its reason only, keeping the body out of the message; passes cancellation through', async () => {
        const status = new service_errors_1.TransientServiceError('reference-track', 'reference-track answered 503: internal-db-7 is down', 503, 'internal-db-7 is down', 2_000);
        await strict_1.default.rejects(fetcherWith(status).fetcher.fetch('http://files.example/r.wav', {}), (error) => {
            strict_1.default.ok(error instanceof service_errors_1.TransientServiceError);
            strict_1.default.equal(error.message, 'reference track answered 503 Service Unavailable');
            strict_1.default.equal(error.statusCode, 503);
            strict_1.default.equal(error.body, 'internal-db-7 is down', 'kept for the log');
            strict_1.default.equal(error.retryAfterMs, 2_000);
            return true;
        });
        await strict_1.default.rejects(fetcherWith(new service_errors_1.PermanentServiceError('reference-track', 'reference-track answered 499: x', 499, 'x')).fetcher.fetch('http://files.example/r.wav', {}), (error) => error instanceof service_errors_1.PermanentServiceError && error.message === 'reference track answered 499');
        const cancelled = new service_errors_1.CallAbortedError('cancelled');
        await strict_1.default.rejects(fetcherWith(cancelled).fetcher.fetch('http://files.example/r.wav', {}), (e) => e === cancelled);
    });
});
//# sourceMappingURL=reference-track.fetcher.spec.js.map