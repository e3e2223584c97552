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
exports.StepExecutor = void 0;
const common_1 = require("@nestjs/common");
const reference_track_fetcher_1 = require("../clients/reference-track.fetcher");
const service_client_1 = require("../clients/service-client");
let StepExecutor = class StepExecutor {
    clients;
    referenceTracks;
    constructor(clients, referenceTracks) {
        this.clients = clients;
        this.referenceTracks = referenceTracks;
    }
    execute(step, input, options) {
        if (step.service === undefined)
            return step.run(input, { options });
        return step.run(input, {
            service: this.clients.for(step),
            fetchReferenceTrack: (url, fetchOptions) => this.referenceTracks.fetch(url, fetchOptions),
            options,
        });
    }
};
exports.StepExecutor = StepExecutor;
exports.StepExecutor = StepExecutor = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [service_client_1.ServiceClients,
        reference_track_fetcher_1.ReferenceTrackFetcher])
], StepExecutor);
//# sourceMappingURL=step-executor.js.map