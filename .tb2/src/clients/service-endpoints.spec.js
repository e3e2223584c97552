"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const app_config_1 = require("../config/app-config");
const generate_sound_1 = require("../pipeline/steps/generate-sound");
const service_endpoints_1 = require("./service-endpoints");
(0, node_test_1.describe)('ServiceEndpoints', () => {
    (0, node_test_1.it)('calls the configured URL, else the embedded service on this server', () => {
        const endpoints = new service_endpoints_1.ServiceEndpoints(new app_config_1.AppConfig({ SOUND_GENERATION_URL: 'http://sound-generation:8000/generate' }));
        endpoints.setSelfBaseUrl('http://127.0.0.1:4321/');
        strict_1.default.equal(endpoints.urlFor(generate_sound_1.generateSound), 'http://sound-generation:8000/generate');
        const embedded = new service_endpoints_1.ServiceEndpoints(new app_config_1.AppConfig({}));
        embedded.setSelfBaseUrl('http://127.0.0.1:4321/');
        strict_1.default.equal(embedded.urlFor(generate_sound_1.generateSound), 'http://127.0.0.1:4321/reference/sound-generation/generate');
    });
    (0, node_test_1.it)('refuses to start when a step would call an embedded service that is not mounted', () => {
        const endpoints = new service_endpoints_1.ServiceEndpoints(new app_config_1.AppConfig({}));
        endpoints.checkEveryServiceReachable(() => true);
        strict_1.default.throws(() => endpoints.checkEveryServiceReachable((path) => !path.includes('mixing')), /mix_master calls mixing-mastering, but MIXING_MASTERING_URL is unset and its embedded service \/reference\/mixing-mastering\/process is not mounted/);
    });
    (0, node_test_1.it)('needs no embedded service for a step whose URL is configured', () => {
        const endpoints = new service_endpoints_1.ServiceEndpoints(new app_config_1.AppConfig({ MIXING_MASTERING_URL: 'http://mixing-mastering:8000/process' }));
        endpoints.checkEveryServiceReachable((path) => !path.includes('mixing'));
    });
});
//# sourceMappingURL=service-endpoints.spec.js.map