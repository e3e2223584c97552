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
var ArtifactLinks_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.ArtifactLinks = void 0;
const common_1 = require("@nestjs/common");
const node_path_1 = require("node:path");
const api_key_cache_1 = require("../auth/api-key-cache");
const app_config_1 = require("../config/app-config");
const artifact_urls_1 = require("./artifact-urls");
const artifact_link_signature_1 = require("./artifact-link-signature");
const unchanged = (url) => url;
let ArtifactLinks = ArtifactLinks_1 = class ArtifactLinks {
    config;
    urls;
    keys;
    logger = new common_1.Logger(ArtifactLinks_1.name);
    constructor(config, urls, keys) {
        this.config = config;
        this.urls = urls;
        this.keys = keys;
    }
    onApplicationBootstrap() {
        if (this.config.runsApi && this.config.artifactUrlKeyGenerated) {
            this.logger.warn({
                msg: 'ARTIFACT_URL_SECRET is not set: signed download links work only on this process and until it restarts. Set it (32+ characters) when several API processes serve the same clients.',
            });
        }
    }
    async signerFor(origin) {
        if (!(await this.keys.keysConfigured()))
            return unchanged;
        const expires = (0, artifact_link_signature_1.linkExpiry)(Date.now(), this.config.artifactUrlTtlSeconds);
        return (url) => {
            const file = this.servedFile(url, origin);
            if (file === undefined)
                return url;
            const signature = (0, artifact_link_signature_1.signArtifactPath)(this.config.artifactUrlKey, file, expires);
            return `${url}${url.includes('?') ? '&' : '?'}expires=${expires}&signature=${signature}`;
        };
    }
    check(requested, expires, signature) {
        const file = this.canonicalPath(requested);
        if (file === undefined)
            return 'invalid';
        return (0, artifact_link_signature_1.checkArtifactLink)(this.config.artifactUrlKey, file, expires, signature);
    }
    servedFile(url, origin) {
        const base = [origin, this.config.publicBaseUrl]
            .filter((candidate) => candidate !== undefined)
            .map((candidate) => `${candidate}${artifact_urls_1.ARTIFACTS_ROUTE}/`)
            .find((prefix) => url.startsWith(prefix));
        if (base === undefined)
            return undefined;
        const encoded = url.slice(base.length).split(/[?#]/)[0];
        try {
            return this.canonicalPath(encoded.split('/').map(decodeURIComponent).join('/'));
        }
        catch {
            return undefined;
        }
    }
    canonicalPath(requested) {
        return this.urls.relativeToArtifacts(requested)?.split(node_path_1.sep).join('/');
    }
};
exports.ArtifactLinks = ArtifactLinks;
exports.ArtifactLinks = ArtifactLinks = ArtifactLinks_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [app_config_1.AppConfig,
        artifact_urls_1.ArtifactUrls,
        api_key_cache_1.ApiKeyCache])
], ArtifactLinks);
//# sourceMappingURL=artifact-links.js.map