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
var ArtifactUrls_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.ArtifactUrls = exports.ARTIFACTS_ROUTE = void 0;
exports.absoluteUrl = absoluteUrl;
exports.leavesRoot = leavesRoot;
const common_1 = require("@nestjs/common");
const node_path_1 = require("node:path");
const app_config_1 = require("../config/app-config");
exports.ARTIFACTS_ROUTE = '/artifacts';
const HTTP_URL = /^https?:\/\//i;
let ArtifactUrls = ArtifactUrls_1 = class ArtifactUrls {
    config;
    logger = new common_1.Logger(ArtifactUrls_1.name);
    constructor(config) {
        this.config = config;
    }
    onApplicationBootstrap() {
        if (this.config.serviceUrls.mix_master !== undefined && !this.config.artifactBaseUrl)
            this.logger.warn({
                msg: 'MIXING_MASTERING_URL is set without ARTIFACT_BASE_URL: final tracks outside ARTIFACTS_DIR are shown as the paths the mixing service returns, not as download links',
            });
    }
    downloadUrlFor(outputPath) {
        return this.locate(outputPath).url;
    }
    locate(outputPath) {
        if (HTTP_URL.test(outputPath))
            return { url: outputPath, file: undefined };
        if (this.config.artifactBaseUrl) {
            const url = `${this.config.artifactBaseUrl}/${outputPath.replace(/^\/+/, '')}`;
            return { url, file: undefined };
        }
        const rel = this.relativeToArtifacts(outputPath);
        if (rel === undefined)
            return { url: outputPath, file: undefined };
        const path = `${exports.ARTIFACTS_ROUTE}/${rel.split(node_path_1.sep).map(encodeURIComponent).join('/')}`;
        return {
            url: `${this.config.publicBaseUrl ?? ''}${path}`,
            file: (0, node_path_1.join)(this.config.artifactsDir, rel),
        };
    }
    fileInArtifacts(outputPath) {
        if (HTTP_URL.test(outputPath))
            return undefined;
        const rel = this.relativeToArtifacts(outputPath);
        return rel === undefined ? undefined : (0, node_path_1.join)(this.config.artifactsDir, rel);
    }
    relativeToArtifacts(path) {
        const absolute = (0, node_path_1.isAbsolute)(path) ? (0, node_path_1.resolve)(path) : (0, node_path_1.resolve)(this.config.artifactsDir, path);
        const rel = (0, node_path_1.relative)(this.config.artifactsDir, absolute);
        if (leavesRoot(rel))
            return undefined;
        return rel;
    }
};
exports.ArtifactUrls = ArtifactUrls;
exports.ArtifactUrls = ArtifactUrls = ArtifactUrls_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [app_config_1.AppConfig])
], ArtifactUrls);
function absoluteUrl(url, origin) {
    return url.startsWith(`${exports.ARTIFACTS_ROUTE}/`) ? `${origin}${url}` : url;
}
function leavesRoot(rel) {
    return rel === '' || rel === '..' || rel.startsWith(`..${node_path_1.sep}`) || (0, node_path_1.isAbsolute)(rel);
}
//# sourceMappingURL=artifact-urls.js.map