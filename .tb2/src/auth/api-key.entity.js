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
exports.ApiKey = void 0;
const typeorm_1 = require("typeorm");
let ApiKey = class ApiKey {
    id;
    name;
    keyHash;
    keyPrefix;
    isAdmin;
    createdAt;
    revokedAt;
    lastUsedAt;
};
exports.ApiKey = ApiKey;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'uuid', comment: 'Key id' }),
    __metadata("design:type", String)
], ApiKey.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({
        type: 'varchar',
        length: 128,
        comment: 'Key name; owner of the jobs it creates (shared by a key and the ones it replaced)',
    }),
    __metadata("design:type", String)
], ApiKey.prototype, "name", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'key_hash',
        type: 'varchar',
        length: 64,
        unique: true,
        comment: 'SHA-256 hex of the key',
    }),
    __metadata("design:type", String)
], ApiKey.prototype, "keyHash", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'key_prefix',
        type: 'varchar',
        length: 16,
        comment: 'First characters, to recognise a key',
    }),
    __metadata("design:type", String)
], ApiKey.prototype, "keyPrefix", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'is_admin', type: 'boolean', default: false, comment: 'Admins see every job' }),
    __metadata("design:type", Boolean)
], ApiKey.prototype, "isAdmin", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'created_at',
        type: 'timestamptz',
        default: () => 'now()',
        comment: 'When the key was created',
    }),
    __metadata("design:type", Date)
], ApiKey.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'revoked_at',
        type: 'timestamptz',
        nullable: true,
        comment: 'When the key stops working (takes effect within 5 s); in the future during a rotation grace period',
    }),
    __metadata("design:type", Object)
], ApiKey.prototype, "revokedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'last_used_at',
        type: 'timestamptz',
        nullable: true,
        comment: 'When the key last authenticated a request (written at most once a minute)',
    }),
    __metadata("design:type", Object)
], ApiKey.prototype, "lastUsedAt", void 0);
exports.ApiKey = ApiKey = __decorate([
    (0, typeorm_1.Index)('api_keys_name_unrevoked', ['name'], { unique: true, where: 'revoked_at IS NULL' }),
    (0, typeorm_1.Entity)({ name: 'api_keys', comment: 'API keys (hashed); owner of jobs is the key name' })
], ApiKey);
//# sourceMappingURL=api-key.entity.js.map