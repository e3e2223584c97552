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
exports.EmbeddedRenderer = exports.InvalidStemError = void 0;
const common_1 = require("@nestjs/common");
const node_path_1 = require("node:path");
const app_config_1 = require("../../config/app-config");
const wav_1 = require("../wav");
const render_pool_1 = require("./render-pool");
const render_tasks_1 = require("./render-tasks");
class InvalidStemError extends wav_1.InvalidAudioError {
    index;
    constructor(index, message) {
        super(message);
        this.index = index;
    }
}
exports.InvalidStemError = InvalidStemError;
const WORKER_FILE = (0, node_path_1.join)(__dirname, 'render.worker.js');
let EmbeddedRenderer = class EmbeddedRenderer {
    pool;
    constructor(config) {
        this.pool = new render_pool_1.RenderPool(config.embeddedRenderThreads, WORKER_FILE);
    }
    async renderStem(score, instrument) {
        return this.wavOf(await this.pool.run({ kind: 'render-stem', instrument, score }));
    }
    async mixAndMaster(stems, names) {
        const result = await this.pool.run({ kind: 'mix', stems: stems.map(render_tasks_1.ownArrayBuffer), names });
        if (result.kind === 'invalid-audio')
            throw new InvalidStemError(result.index, result.message);
        return this.wavOf(result);
    }
    async analyze(audio) {
        const result = await this.pool.run({ kind: 'analyze', audio: (0, render_tasks_1.ownArrayBuffer)(audio) });
        if (result.kind === 'invalid-audio')
            throw new wav_1.InvalidAudioError(result.message);
        if (result.kind !== 'features')
            throw new Error(`unexpected render answer ${result.kind}`);
        return result.features;
    }
    onApplicationShutdown() {
        return this.pool.close();
    }
    wavOf(result) {
        if (result.kind !== 'wav')
            throw new Error(`unexpected render answer ${result.kind}`);
        return Buffer.from(result.wav);
    }
};
exports.EmbeddedRenderer = EmbeddedRenderer;
exports.EmbeddedRenderer = EmbeddedRenderer = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [app_config_1.AppConfig])
], EmbeddedRenderer);
//# sourceMappingURL=embedded-renderer.js.map