"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var ReferenceTrackFetcher_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.ReferenceTrackFetcher = void 0;
exports.referenceTrackFilename = referenceTrackFilename;
exports.audioContentType = audioContentType;
exports.sniffAudio = sniffAudio;
const common_1 = require("@nestjs/common");
const node_http_1 = require("node:http");
const undici_1 = require("undici");
const app_config_1 = require("../config/app-config");
const outbound_url_guard_1 = require("../outbound/outbound-url-guard");
const http_transport_1 = require("./http-transport");
const service_errors_1 = require("./service-errors");
const MAX_REDIRECTIONS = 3;
const CONNECT_TIMEOUT_MS = 5_000;
let ReferenceTrackFetcher = class ReferenceTrackFetcher {
    static { ReferenceTrackFetcher_1 = this; }
    transport;
    config;
    static service = 'reference-track';
    agent;
    dispatcher;
    constructor(transport, config, guard) {
        this.transport = transport;
        this.config = config;
        this.agent = new undici_1.Agent({
            keepAliveTimeout: 10_000,
            connect: guard.connector('reference_track_url', CONNECT_TIMEOUT_MS),
        });
        this.dispatcher = this.agent.compose(undici_1.interceptors.redirect({ maxRedirections: MAX_REDIRECTIONS }));
    }
    async onModuleDestroy() {
        await this.agent.close();
    }
    async fetch(url, options) {
        const { bytes, contentType } = await this.download(url, options);
        return {
            bytes,
            filename: referenceTrackFilename(url),
            contentType: audioContentType(bytes, contentType),
        };
    }
    async download(url, options) {
        try {
            return await this.transport.download(ReferenceTrackFetcher_1.service, url, this.config.referenceTrackMaxBytes, { ...options, timeoutMs: this.config.referenceTrackTimeoutMs }, this.dispatcher);
        }
        catch (error) {
            throw namedAfterTheTrack(error);
        }
    }
};
exports.ReferenceTrackFetcher = ReferenceTrackFetcher;
exports.ReferenceTrackFetcher = ReferenceTrackFetcher = ReferenceTrackFetcher_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [http_transport_1.HttpTransport,
        app_config_1.AppConfig,
        outbound_url_guard_1.OutboundUrlGuard])
], ReferenceTrackFetcher);
function referenceTrackFilename(url) {
    const segment = new URL(url).pathname.split('/').pop() ?? '';
    let decoded;
    try {
        decoded = decodeURIComponent(segment);
    }
    catch {
        decoded = segment;
    }
    return decoded || 'reference';
}
function namedAfterTheTrack(error) {
    if (!(error instanceof service_errors_1.ServiceError))
        return error;
    const status = error.statusCode;
    const message = status === undefined
        ? `could not download the reference track: ${error.message}`
        : `reference track answered ${status}${node_http_1.STATUS_CODES[status] ? ` ${node_http_1.STATUS_CODES[status]}` : ''}`;
    return error instanceof service_errors_1.TransientServiceError
        ? new service_errors_1.TransientServiceError(error.service, message, status, error.body, error.retryAfterMs)
        : new service_errors_1.PermanentServiceError(error.service, message, status, error.body);
}
function audioContentType(bytes, declaredContentType) {
    const sniffed = sniffAudio(bytes);
    if (sniffed)
        return sniffed;
    const declared = declaredContentType?.split(';')[0].trim().toLowerCase() || 'no content type';
    throw new service_errors_1.PermanentServiceError(ReferenceTrackFetcher.service, `the reference track is not audio: its bytes are not WAV, MP3, FLAC, OGG, AIFF or M4A (served as ${declared}, ${bytes.length} bytes)`);
}
function sniffAudio(bytes) {
    const ascii = (start, end) => bytes.length >= end ? bytes.toString('latin1', start, end) : '';
    if (ascii(0, 4) === 'RIFF')
        return ascii(8, 12) === 'WAVE' ? 'audio/wav' : undefined;
    if (ascii(0, 4) === 'FORM') {
        const form = ascii(8, 12);
        return form === 'AIFF' || form === 'AIFC' ? 'audio/aiff' : undefined;
    }
    if (ascii(0, 4) === 'fLaC')
        return 'audio/flac';
    if (ascii(0, 4) === 'OggS')
        return 'audio/ogg';
    if (ascii(0, 3) === 'ID3' && bytes[3] !== 0xff)
        return 'audio/mpeg';
    if (isMpegAudioFrame(bytes))
        return 'audio/mpeg';
    if (ascii(4, 8) === 'ftyp')
        return NON_AUDIO_BRANDS.has(ascii(8, 12)) ? undefined : 'audio/mp4';
    return undefined;
}
const NON_AUDIO_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis']);
function isMpegAudioFrame(bytes) {
    if (bytes.length < 4 || bytes[0] !== 0xff || (bytes[1] & 0xe0) !== 0xe0)
        return false;
    const version = (bytes[1] >> 3) & 0b11;
    const layer = (bytes[1] >> 1) & 0b11;
    const bitrate = bytes[2] >> 4;
    const sampleRate = (bytes[2] >> 2) & 0b11;
    return version !== 0b01 && layer !== 0b00 && bitrate !== 0b1111 && sampleRate !== 0b11;
}
//# sourceMappingURL=reference-track.fetcher.js.map