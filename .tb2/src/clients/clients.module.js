"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ClientsModule = void 0;
const common_1 = require("@nestjs/common");
const http_transport_1 = require("./http-transport");
const reference_track_fetcher_1 = require("./reference-track.fetcher");
const service_client_1 = require("./service-client");
const service_endpoints_1 = require("./service-endpoints");
let ClientsModule = class ClientsModule {
};
exports.ClientsModule = ClientsModule;
exports.ClientsModule = ClientsModule = __decorate([
    (0, common_1.Module)({
        providers: [http_transport_1.HttpTransport, service_endpoints_1.ServiceEndpoints, service_client_1.ServiceClients, reference_track_fetcher_1.ReferenceTrackFetcher],
        exports: [service_endpoints_1.ServiceEndpoints, service_client_1.ServiceClients, reference_track_fetcher_1.ReferenceTrackFetcher],
    })
], ClientsModule);
//# sourceMappingURL=clients.module.js.map