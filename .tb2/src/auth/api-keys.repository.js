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
exports.ApiKeysRepository = exports.KEY_IS_ACTIVE = exports.RESERVED_KEY_NAMES = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
const principal_1 = require("./principal");
exports.RESERVED_KEY_NAMES = [principal_1.LOCAL_PRINCIPAL.name];
exports.KEY_IS_ACTIVE = '(revoked_at IS NULL OR revoked_at > now())';
let ApiKeysRepository = class ApiKeysRepository {
    db;
    constructor(db) {
        this.db = db;
    }
    async activeKeys() {
        const rows = await this.db.query(`SELECT key_hash, name, is_admin FROM api_keys WHERE ${exports.KEY_IS_ACTIVE} AND NOT name = ANY($1)`, [exports.RESERVED_KEY_NAMES]);
        return new Map(rows.map((r) => [r.key_hash, { name: r.name, isAdmin: r.is_admin }]));
    }
    async recordLastUsed(usedAt) {
        if (usedAt.size === 0)
            return;
        await this.db.query(`UPDATE api_keys k SET last_used_at = u.at
         FROM unnest($1::text[], $2::timestamptz[]) AS u(key_hash, at)
        WHERE k.key_hash = u.key_hash AND (k.last_used_at IS NULL OR k.last_used_at < u.at)`, [[...usedAt.keys()], [...usedAt.values()]]);
    }
};
exports.ApiKeysRepository = ApiKeysRepository;
exports.ApiKeysRepository = ApiKeysRepository = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource])
], ApiKeysRepository);
//# sourceMappingURL=api-keys.repository.js.map