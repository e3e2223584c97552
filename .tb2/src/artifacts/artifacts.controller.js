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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ArtifactsController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const openapi_security_1 = require("../auth/openapi-security");
const public_decorator_1 = require("../auth/public.decorator");
const job_responses_dto_1 = require("../jobs/dto/job-responses.dto");
const artifact_access_guard_1 = require("./artifact-access.guard");
const artifact_files_1 = require("./artifact-files");
const AUDIO = { 'audio/wav': { schema: { type: 'string', format: 'binary' } } };
let ArtifactsController = class ArtifactsController {
    files;
    constructor(files) {
        this.files = files;
    }
    async download(path, req, reply) {
        const requested = Array.isArray(path) ? path.join('/') : path;
        const download = await this.files.open(requested, req.raw);
        switch (download.kind) {
            case 'file':
                await reply.status(download.statusCode).headers(download.headers).send(download.body);
                return;
            case 'not-modified':
                await reply.status(304).headers(download.headers).send();
                return;
            case 'range-not-satisfiable':
                await reply
                    .status(416)
                    .header('content-range', download.contentRange)
                    .send({ detail: `Range not satisfiable: the file has ${download.size} bytes` });
                return;
            case 'precondition-failed':
                await reply.status(412).send({ detail: 'Precondition failed' });
                return;
            case 'not-found':
                throw new common_1.NotFoundException({ detail: 'Artifact not found' });
        }
    }
};
exports.ArtifactsController = ArtifactsController;
__decorate([
    (0, common_1.Get)('*'),
    (0, swagger_1.ApiOperation)({
        summary: 'Download a track or stem (final_track_url points here)',
        description: "With API keys configured, send the link as the API gave it (`final_track_url`, `GET /jobs/{job_id}/artifacts`): it is signed with `expires` and `signature` and needs no header, so `<audio src>` works; it stays valid for at least `ARTIFACT_URL_TTL_SECONDS` (1 h by default). Without a signature, the key of the job's owner or an admin key is needed. Without keys on the server, loopback clients download freely.\n\nSupports `HEAD`, a single byte range (`Range: bytes=0-1023`, `bytes=1000-`, `bytes=-500`; answered 206 with `Content-Range`), `If-Range`, and conditional requests with `ETag` / `Last-Modified`. A request for several ranges gets the whole file (200).",
    }),
    (0, swagger_1.ApiHeader)({ name: 'Range', required: false, example: 'bytes=0-1023' }),
    (0, swagger_1.ApiQuery)({
        name: 'expires',
        required: false,
        description: 'Of a signed link: Unix time (seconds) after which it is refused.',
        example: '1795010400',
    }),
    (0, swagger_1.ApiQuery)({
        name: 'signature',
        required: false,
        description: 'Of a signed link: base64url HMAC-SHA256 of the file path and `expires`.',
        example: 'pQ2lq7WkZr0Zt3f8vR7yq1uV8m0Xx0c7N3kq3aYH0bE',
    }),
    (0, swagger_1.ApiSecurity)({}),
    (0, swagger_1.ApiSecurity)(openapi_security_1.API_KEY_SCHEME),
    (0, swagger_1.ApiBearerAuth)(openapi_security_1.BEARER_SCHEME),
    (0, swagger_1.ApiParam)({
        name: 'path',
        type: String,
        description: 'Path of the file inside ARTIFACTS_DIR, as in `final_track_url`.',
        example: 'output/job_3f9c2a1b7d4e_master.wav',
    }),
    (0, swagger_1.ApiOkResponse)({
        description: 'The whole file; `Accept-Ranges: bytes`.',
        content: AUDIO,
    }),
    (0, swagger_1.ApiPartialContentResponse)({
        description: 'The requested range, with `Content-Range`.',
        content: AUDIO,
    }),
    (0, swagger_1.ApiRequestedRangeNotSatisfiableResponse)({
        type: job_responses_dto_1.ErrorResponseDto,
        description: 'The range starts past the end; `Content-Range: bytes */<size>`.',
    }),
    (0, swagger_1.ApiNotModifiedResponse)({ description: 'If-None-Match or If-Modified-Since matched.' }),
    (0, swagger_1.ApiPreconditionFailedResponse)({ type: job_responses_dto_1.ErrorResponseDto, description: 'If-Match did not match.' }),
    (0, swagger_1.ApiUnauthorizedResponse)({
        type: job_responses_dto_1.ErrorResponseDto,
        description: 'No signature and no valid API key (or, without keys, a client not on loopback).',
    }),
    (0, swagger_1.ApiForbiddenResponse)({
        type: job_responses_dto_1.ErrorResponseDto,
        description: 'The signature is invalid, or the link expired; get a fresh one from the API.',
    }),
    (0, swagger_1.ApiNotFoundResponse)({
        type: job_responses_dto_1.ErrorResponseDto,
        description: "No such file in ARTIFACTS_DIR, or a file of another key's job.",
    }),
    __param(0, (0, common_1.Param)('*')),
    __param(1, (0, common_1.Req)()),
    __param(2, (0, common_1.Res)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, Object]),
    __metadata("design:returntype", Promise)
], ArtifactsController.prototype, "download", null);
exports.ArtifactsController = ArtifactsController = __decorate([
    (0, swagger_1.ApiTags)('artifacts'),
    (0, public_decorator_1.Public)(),
    (0, common_1.UseGuards)(artifact_access_guard_1.ArtifactAccessGuard),
    (0, common_1.Controller)('artifacts'),
    __metadata("design:paramtypes", [artifact_files_1.ArtifactFiles])
], ArtifactsController);
//# sourceMappingURL=artifacts.controller.js.map