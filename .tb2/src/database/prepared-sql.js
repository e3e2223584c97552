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
exports.PreparedSql = exports.PoolSql = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const node_crypto_1 = require("node:crypto");
const typeorm_2 = require("typeorm");
class PoolSql {
    pool;
    names = new Map();
    constructor(pool) {
        this.pool = pool;
    }
    async prepared(text, values = []) {
        const result = await this.pool().query({ name: this.nameOf(text), text, values });
        return result.rows;
    }
    async planned(text, values = []) {
        const result = await this.pool().query(text, values);
        return result.rows;
    }
    nameOf(text) {
        let name = this.names.get(text);
        if (name === undefined) {
            name = `s_${(0, node_crypto_1.createHash)('sha1').update(text).digest('hex').slice(0, 20)}`;
            this.names.set(text, name);
        }
        return name;
    }
}
exports.PoolSql = PoolSql;
let PreparedSql = class PreparedSql extends PoolSql {
    constructor(db) {
        super(() => db.driver.master);
    }
};
exports.PreparedSql = PreparedSql;
exports.PreparedSql = PreparedSql = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource])
], PreparedSql);
//# sourceMappingURL=prepared-sql.js.map