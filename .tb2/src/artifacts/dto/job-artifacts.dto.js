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
Object.defineProperty(exports, "__esModule", { value: true });
exports.JobArtifactsResponseDto = exports.ArtifactDto = void 0;
const swagger_1 = require("@nestjs/swagger");
const job_status_1 = require("../../jobs/job-status");
const artifact_kind_1 = require("../artifact-kind");
class ArtifactDto {
    kind;
    name;
    instrument;
    url;
    size_bytes;
    content_type;
}
exports.ArtifactDto = ArtifactDto;
__decorate([
    (0, swagger_1.ApiProperty)({
        enum: artifact_kind_1.ArtifactKind,
        description: '`stem`: one instrument from sound generation; `final`: the mastered track.',
        example: artifact_kind_1.ArtifactKind.Stem,
    }),
    __metadata("design:type", String)
], ArtifactDto.prototype, "kind", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        description: 'File name, the last segment of `url`.',
        example: 'job_3f9c2a1b7d4e_drums.wav',
    }),
    __metadata("design:type", String)
], ArtifactDto.prototype, "name", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        nullable: true,
        type: String,
        description: 'The instrument of a stem; null for the final track.',
        example: 'drums',
    }),
    __metadata("design:type", Object)
], ArtifactDto.prototype, "instrument", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        description: 'Where to download it. Files served here (`/artifacts/...`) accept `Range` and `HEAD`.',
        example: 'http://127.0.0.1:3000/artifacts/stems/job_3f9c2a1b7d4e_drums.wav',
    }),
    __metadata("design:type", String)
], ArtifactDto.prototype, "url", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        nullable: true,
        type: 'integer',
        description: 'Size of the file in bytes; null when another server holds it.',
        example: 1_843_244,
    }),
    __metadata("design:type", Object)
], ArtifactDto.prototype, "size_bytes", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ description: 'Content type of the download.', example: 'audio/wav' }),
    __metadata("design:type", String)
], ArtifactDto.prototype, "content_type", void 0);
class JobArtifactsResponseDto {
    job_id;
    status;
    artifacts;
}
exports.JobArtifactsResponseDto = JobArtifactsResponseDto;
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'uuid', example: '5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10' }),
    __metadata("design:type", String)
], JobArtifactsResponseDto.prototype, "job_id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ enum: job_status_1.JobStatus, example: job_status_1.JobStatus.Success }),
    __metadata("design:type", String)
], JobArtifactsResponseDto.prototype, "status", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        type: [ArtifactDto],
        description: 'Stems by instrument name, then the final track. Files that no longer exist are left out; a running job lists what is ready so far.',
    }),
    __metadata("design:type", Array)
], JobArtifactsResponseDto.prototype, "artifacts", void 0);
//# sourceMappingURL=job-artifacts.dto.js.map