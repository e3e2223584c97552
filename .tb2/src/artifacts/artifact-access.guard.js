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
exports.ArtifactAccessGuard = void 0;
exports.requestedArtifact = requestedArtifact;
const common_1 = require("@nestjs/common");
const node_path_1 = require("node:path");
const api_key_cache_1 = require("../auth/api-key-cache");
const api_key_guard_1 = require("../auth/api-key.guard");
const app_config_1 = require("../config/app-config");
const artifact_links_1 = require("./artifact-links");
const artifact_owners_repository_1 = require("./artifact-owners.repository");
const artifact_urls_1 = require("./artifact-urls");
function requestedArtifact(request) {
    const path = request.params['*'] ?? '';
    return Array.isArray(path) ? path.join('/') : path;
}
let ArtifactAccessGuard = class ArtifactAccessGuard {
    config;
    keys;
    authenticator;
    links;
    urls;
    owners;
    constructor(config, keys, authenticator, links, urls, owners) {
        this.config = config;
        this.keys = keys;
        this.authenticator = authenticator;
        this.links = links;
        this.urls = urls;
        this.owners = owners;
    }
    async canActivate(context) {
        const request = context.switchToHttp().getRequest();
        if (!(await this.keys.keysConfigured())) {
            request.principal = await this.authenticator.authenticate(request);
            return true;
        }
        const requested = requestedArtifact(request);
        const { expires, signature } = request.query;
        if (expires !== undefined || signature !== undefined) {
            switch (this.links.check(requested, expires, signature)) {
                case 'valid':
                    return true;
                case 'expired':
                    throw new common_1.ForbiddenException({
                        detail: 'Download link expired: get a fresh one from GET /jobs/{job_id}/artifacts',
                    });
                case 'invalid':
                    throw new common_1.ForbiddenException({ detail: 'Download link signature is invalid' });
            }
        }
        const principal = await this.authenticator.authenticate(request);
        if (principal.isAdmin || (await this.isOwner(principal.name, requested))) {
            request.principal = principal;
            return true;
        }
        throw new common_1.NotFoundException({ detail: 'Artifact not found' });
    }
    async isOwner(owner, requested) {
        const rel = requested.includes('\0') ? undefined : this.urls.relativeToArtifacts(requested);
        if (rel === undefined)
            return false;
        const file = (0, node_path_1.join)(this.config.artifactsDir, rel);
        const locations = await this.owners.locationsEndingWith(owner, (0, node_path_1.basename)(rel));
        return locations.some((location) => this.urls.fileInArtifacts(location) === file);
    }
};
exports.ArtifactAccessGuard = ArtifactAccessGuard;
exports.ArtifactAccessGuard = ArtifactAccessGuard = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [app_config_1.AppConfig,
        api_key_cache_1.ApiKeyCache,
        api_key_guard_1.Authenticator,
        artifact_links_1.ArtifactLinks,
        artifact_urls_1.ArtifactUrls,
        artifact_owners_repository_1.ArtifactOwnersRepository])
], ArtifactAccessGuard);
//# sourceMappingURL=artifact-access.guard.js.map