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
exports.ServiceEndpoints = void 0;
const common_1 = require("@nestjs/common");
const app_config_1 = require("../config/app-config");
const steps_1 = require("../pipeline/steps");
let ServiceEndpoints = class ServiceEndpoints {
    config;
    selfBaseUrl;
    constructor(config) {
        this.config = config;
        this.selfBaseUrl = `http://127.0.0.1:${config.port}`;
    }
    setSelfBaseUrl(url) {
        this.selfBaseUrl = url.replace(/\/$/, '');
    }
    urlFor(step) {
        const configured = this.config.serviceUrls[step.name];
        if (configured !== undefined)
            return configured;
        if (step.service.embeddedPath === undefined)
            throw new Error(`${step.name} has neither a service URL nor an embedded service`);
        return `${this.selfBaseUrl}${step.service.embeddedPath}`;
    }
    checkEveryServiceReachable(served) {
        const problems = [];
        for (const step of steps_1.STEP_LIST) {
            if (!step.service || this.config.serviceUrls[step.name] !== undefined)
                continue;
            const path = step.service.embeddedPath;
            if (path === undefined || !served(path))
                problems.push(`${step.name} calls ${step.service.name}, but ${step.envPrefix}_URL is unset and ${path ? `its embedded service ${path} is not mounted` : 'it has no embedded service'}`);
        }
        if (problems.length > 0)
            throw new Error(`Steps without a service to call: ${problems.join('; ')}`);
    }
};
exports.ServiceEndpoints = ServiceEndpoints;
exports.ServiceEndpoints = ServiceEndpoints = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [app_config_1.AppConfig])
], ServiceEndpoints);
//# sourceMappingURL=service-endpoints.js.map