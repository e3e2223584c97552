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
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ArtifactFiles = void 0;
const common_1 = require("@nestjs/common");
const send_1 = __importDefault(require("@fastify/send"));
const promises_1 = require("node:fs/promises");
const node_path_1 = require("node:path");
const app_config_1 = require("../config/app-config");
const artifact_urls_1 = require("./artifact-urls");
const content_types_1 = require("./content-types");
const SEND_OPTIONS = {
    acceptRanges: true,
    etag: true,
    lastModified: true,
    cacheControl: false,
    contentType: false,
    dotfiles: 'ignore',
    index: false,
};
let ArtifactFiles = class ArtifactFiles {
    config;
    urls;
    constructor(config, urls) {
        this.config = config;
        this.urls = urls;
    }
    async open(requested, request) {
        const file = await this.resolveInside(requested);
        if (file === undefined)
            return { kind: 'not-found' };
        const urlPath = `/${file.relative.split(node_path_1.sep).map(encodeURIComponent).join('/')}`;
        const sent = await (0, send_1.default)(request, urlPath, { ...SEND_OPTIONS, root: file.root });
        if (sent.type === 'file') {
            if (sent.statusCode === 304)
                return { kind: 'not-modified', headers: sent.headers };
            return {
                kind: 'file',
                statusCode: sent.statusCode,
                headers: { ...sent.headers, 'Content-Type': (0, content_types_1.contentTypeFor)(file.relative) },
                body: sent.stream,
            };
        }
        sent.stream.destroy();
        if (sent.type === 'directory')
            return { kind: 'not-found' };
        switch (sent.statusCode) {
            case 416: {
                const contentRange = sent.headers['Content-Range'] ?? '';
                const size = Number(/\/(\d+)$/.exec(contentRange)?.[1] ?? 0);
                return { kind: 'range-not-satisfiable', size, contentRange };
            }
            case 412:
                return { kind: 'precondition-failed' };
            case 403:
            case 404:
                return { kind: 'not-found' };
            default:
                throw sent.metadata.error;
        }
    }
    async resolveInside(requested) {
        if (requested === '' || (0, node_path_1.isAbsolute)(requested) || requested.includes('\0'))
            return undefined;
        const rel = this.urls.relativeToArtifacts(requested);
        if (rel === undefined)
            return undefined;
        const root = await (0, promises_1.realpath)(this.config.artifactsDir).catch(() => undefined);
        const real = await (0, promises_1.realpath)((0, node_path_1.join)(this.config.artifactsDir, rel)).catch(() => undefined);
        if (root === undefined || real === undefined)
            return undefined;
        const inside = (0, node_path_1.relative)(root, real);
        if ((0, artifact_urls_1.leavesRoot)(inside))
            return undefined;
        return { root, relative: inside };
    }
};
exports.ArtifactFiles = ArtifactFiles;
exports.ArtifactFiles = ArtifactFiles = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [app_config_1.AppConfig,
        artifact_urls_1.ArtifactUrls])
], ArtifactFiles);
//# sourceMappingURL=artifact-files.js.map