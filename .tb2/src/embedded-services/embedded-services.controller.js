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
exports.EmbeddedServicesController = exports.EMBEDDED_SERVICES_PATH = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const node_crypto_1 = require("node:crypto");
const promises_1 = require("node:fs/promises");
const node_path_1 = require("node:path");
const public_decorator_1 = require("../auth/public.decorator");
const app_config_1 = require("../config/app-config");
const idempotency_cache_1 = require("./idempotency-cache");
const loopback_only_guard_1 = require("./loopback-only.guard");
const generation_1 = require("./generation");
const generation_request_1 = require("./generation-request");
const prompt_parser_1 = require("./prompt-parser");
const embedded_renderer_1 = require("./render/embedded-renderer");
const wav_1 = require("./wav");
exports.EMBEDDED_SERVICES_PATH = 'reference';
let EmbeddedServicesController = class EmbeddedServicesController {
    config;
    parsed = new idempotency_cache_1.IdempotencyCache();
    analysed = new idempotency_cache_1.IdempotencyCache();
    generated = new idempotency_cache_1.IdempotencyCache();
    mastered = new idempotency_cache_1.IdempotencyCache();
    renderer;
    constructor(config, renderer) {
        this.config = config;
        this.renderer = renderer ?? new embedded_renderer_1.EmbeddedRenderer(config);
    }
    parse(body, key) {
        const prompt = body?.prompt;
        if (typeof prompt !== 'string' || prompt.trim() === '') {
            throw new common_1.BadRequestException({ detail: 'prompt must not be empty' });
        }
        return this.parsed.run(key, () => Promise.resolve((0, prompt_parser_1.parsePrompt)(prompt)));
    }
    async analyze(request, key) {
        if (!request.isMultipart())
            throw new common_1.BadRequestException({ detail: 'expected multipart/form-data with a file field' });
        const part = await request.file();
        if (!part || part.fieldname !== 'file')
            throw new common_1.BadRequestException({ detail: 'file is required' });
        const bytes = await part.toBuffer();
        return this.analysed.run(key, () => this.renderer.analyze(bytes).catch((error) => {
            if (error instanceof wav_1.InvalidAudioError) {
                throw new common_1.UnprocessableEntityException({
                    detail: `could not decode audio: ${error.message}`,
                });
            }
            throw error;
        }));
    }
    generate(body, key) {
        const { prompt_spec: spec, style_features: style } = (body ?? {});
        if (typeof spec !== 'object' || spec === null)
            throw new common_1.BadRequestException({ detail: 'prompt_spec is required' });
        const request = (0, generation_request_1.compositionRequest)(spec, style ?? null, {
            seed: (0, generation_1.seedOf)(key ?? JSON.stringify(body)),
            seconds: this.config.embeddedTrackSeconds,
        });
        return this.generated.run(key, async () => {
            const score = (0, generation_1.compose)(request);
            const id = `job_${(0, node_crypto_1.randomBytes)(6).toString('hex')}`;
            const dir = (0, node_path_1.join)(this.config.artifactsDir, 'stems');
            await (0, promises_1.mkdir)(dir, { recursive: true });
            const files = await Promise.all(request.instruments.map(async (instrument) => {
                const path = (0, node_path_1.join)(dir, `${id}_${instrument.replace(/[^\w-]/g, '_')}.wav`);
                await (0, promises_1.writeFile)(path, await this.renderer.renderStem(score, instrument));
                return [instrument, path];
            }));
            return { job_id: id, stems: Object.fromEntries(files) };
        });
    }
    process(body, key) {
        const paths = body?.stem_paths;
        if (!Array.isArray(paths) || paths.length === 0 || !paths.every((p) => typeof p === 'string')) {
            throw new common_1.BadRequestException({ detail: 'stem_paths must be a non-empty list of paths' });
        }
        const absolutes = paths.map((path, index) => this.insideArtifacts(path, index));
        return this.mastered.run(key, async () => {
            const stems = await Promise.all(absolutes.map((absolute, index) => this.readStem(absolute, paths[index], index)));
            const master = await this.renderer.mixAndMaster(stems, paths).catch((error) => {
                if (error instanceof embedded_renderer_1.InvalidStemError) {
                    throw new common_1.UnprocessableEntityException({
                        detail: `stem_paths[${error.index}] "${paths[error.index]}" is not a WAV file: ${error.message}`,
                    });
                }
                throw error;
            });
            const dir = (0, node_path_1.join)(this.config.artifactsDir, 'output');
            await (0, promises_1.mkdir)(dir, { recursive: true });
            const name = paths[0]
                .split('/')
                .pop()
                ?.replace(/_[^_]*\.wav$/, '') ?? `job_${(0, node_crypto_1.randomBytes)(6).toString('hex')}`;
            const output = (0, node_path_1.join)(dir, `${name}_master.wav`);
            await (0, promises_1.writeFile)(output, master);
            return { output_path: output, message: 'Mixing and mastering complete.' };
        });
    }
    insideArtifacts(path, index) {
        const absolute = (0, node_path_1.resolve)(this.config.artifactsDir, path);
        const rel = (0, node_path_1.relative)(this.config.artifactsDir, absolute);
        if (rel === '' || rel === '..' || rel.startsWith(`..${node_path_1.sep}`) || (0, node_path_1.isAbsolute)(rel)) {
            throw new common_1.BadRequestException({
                detail: `stem_paths[${index}] "${path}" is outside the shared artifacts volume (ARTIFACTS_DIR)`,
            });
        }
        return absolute;
    }
    readStem(absolute, path, index) {
        return (0, promises_1.readFile)(absolute).catch(() => {
            throw new common_1.UnprocessableEntityException({
                detail: `stem_paths[${index}] "${path}" cannot be read`,
            });
        });
    }
};
exports.EmbeddedServicesController = EmbeddedServicesController;
__decorate([
    (0, common_1.Post)('prompt-parser/parse'),
    (0, common_1.HttpCode)(200),
    __param(0, (0, common_1.Body)()),
    __param(1, (0, common_1.Headers)('idempotency-key')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], EmbeddedServicesController.prototype, "parse", null);
__decorate([
    (0, common_1.Post)('style-analysis/analyze'),
    (0, common_1.HttpCode)(200),
    __param(0, (0, common_1.Req)()),
    __param(1, (0, common_1.Headers)('idempotency-key')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], EmbeddedServicesController.prototype, "analyze", null);
__decorate([
    (0, common_1.Post)('sound-generation/generate'),
    (0, common_1.HttpCode)(200),
    __param(0, (0, common_1.Body)()),
    __param(1, (0, common_1.Headers)('idempotency-key')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", void 0)
], EmbeddedServicesController.prototype, "generate", null);
__decorate([
    (0, common_1.Post)('mixing-mastering/process'),
    (0, common_1.HttpCode)(200),
    __param(0, (0, common_1.Body)()),
    __param(1, (0, common_1.Headers)('idempotency-key')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", void 0)
], EmbeddedServicesController.prototype, "process", null);
exports.EmbeddedServicesController = EmbeddedServicesController = __decorate([
    (0, swagger_1.ApiExcludeController)(),
    (0, public_decorator_1.Public)(),
    (0, common_1.UseGuards)(loopback_only_guard_1.LoopbackOnlyGuard),
    (0, common_1.Controller)(exports.EMBEDDED_SERVICES_PATH),
    __param(1, (0, common_1.Optional)()),
    __metadata("design:paramtypes", [app_config_1.AppConfig,
        embedded_renderer_1.EmbeddedRenderer])
], EmbeddedServicesController);
//# sourceMappingURL=embedded-services.controller.js.map