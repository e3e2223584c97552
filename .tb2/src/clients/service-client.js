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
exports.ServiceClients = void 0;
const common_1 = require("@nestjs/common");
const http_transport_1 = require("./http-transport");
const service_endpoints_1 = require("./service-endpoints");
let ServiceClients = class ServiceClients {
    transport;
    endpoints;
    constructor(transport, endpoints) {
        this.transport = transport;
        this.endpoints = endpoints;
    }
    for(step) {
        const service = step.service.name;
        return {
            postJson: (body, options) => this.transport.postJson(service, this.endpoints.urlFor(step), body, step.validate, options),
            postFile: (file, options) => this.transport.postFile(service, this.endpoints.urlFor(step), file, step.validate, options),
        };
    }
};
exports.ServiceClients = ServiceClients;
exports.ServiceClients = ServiceClients = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [http_transport_1.HttpTransport,
        service_endpoints_1.ServiceEndpoints])
], ServiceClients);
//# sourceMappingURL=service-client.js.map