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
exports.ArtifactOwnersRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
const steps_1 = require("../pipeline/steps");
let ArtifactOwnersRepository = class ArtifactOwnersRepository {
    db;
    constructor(db) {
        this.db = db;
    }
    async locationsEndingWith(owner, fileName) {
        const rows = await this.db.query(`SELECT l.location
         FROM jobs j
         JOIN job_steps s ON s.job_id = j.id AND s.step = ANY($3::text[])
         JOIN unnest($3::text[], $4::text[], $5::text[]) AS a(step, field, kind) ON a.step = s.step
         CROSS JOIN LATERAL (
           SELECT s.output->>a.field AS location WHERE a.kind = 'final'
           UNION ALL
           SELECT stem.value FROM jsonb_each_text(
             CASE WHEN a.kind = 'stem' AND jsonb_typeof(s.output->a.field) = 'object'
                  THEN s.output->a.field ELSE '{}'::jsonb END) stem
         ) l
        WHERE j.owner = $1 AND right(l.location, length($2)) = $2`, [
            owner,
            fileName,
            steps_1.ARTIFACT_FIELDS.map((artifact) => artifact.step.name),
            steps_1.ARTIFACT_FIELDS.map((artifact) => artifact.field),
            steps_1.ARTIFACT_FIELDS.map((artifact) => artifact.kind),
        ]);
        return rows.map((row) => row.location);
    }
};
exports.ArtifactOwnersRepository = ArtifactOwnersRepository;
exports.ArtifactOwnersRepository = ArtifactOwnersRepository = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource])
], ArtifactOwnersRepository);
//# sourceMappingURL=artifact-owners.repository.js.map