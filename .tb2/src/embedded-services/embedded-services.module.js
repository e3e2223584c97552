"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.EmbeddedServicesModule = void 0;
const common_1 = require("@nestjs/common");
const embedded_services_controller_1 = require("./embedded-services.controller");
const embedded_renderer_1 = require("./render/embedded-renderer");
let EmbeddedServicesModule = class EmbeddedServicesModule {
};
exports.EmbeddedServicesModule = EmbeddedServicesModule;
exports.EmbeddedServicesModule = EmbeddedServicesModule = __decorate([
    (0, common_1.Module)({ controllers: [embedded_services_controller_1.EmbeddedServicesController], providers: [embedded_renderer_1.EmbeddedRenderer] })
], EmbeddedServicesModule);
//# sourceMappingURL=embedded-services.module.js.map