"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const common_1 = require("@nestjs/common");
const strict_1 = __importDefault(require("node:assert/strict"));
const promises_1 = require("node:fs/promises");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const node_test_1 = require("node:test");
const app_config_1 = require("../config/app-config");
const embedded_services_controller_1 = require("./embedded-services.controller");
function rejectsWith(status, detail) {
    return (error) => {
        strict_1.default.ok(error instanceof common_1.HttpException, String(error));
        strict_1.default.equal(error.getStatus(), status);
        strict_1.default.match(error.getResponse().detail, detail);
        return true;
    };
}
(0, node_test_1.describe)('embedded services against CONTRACTS.md', () => {
    let artifacts;
    let controller;
    (0, node_test_1.before)(async () => {
        artifacts = await (0, promises_1.mkdtemp)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'embedded-services-'));
        controller = new embedded_services_controller_1.EmbeddedServicesController(new app_config_1.AppConfig({ ARTIFACTS_DIR: artifacts }));
    });
    (0, node_test_1.after)(() => (0, promises_1.rm)(artifacts, { recursive: true, force: true }));
    (0, node_test_1.it)('mixing refuses an empty stem_paths list with 400', async () => {
        await strict_1.default.rejects(async () => controller.process({ stem_paths: [] }), rejectsWith(400, /stem_paths must be a non-empty list/));
    });
    (0, node_test_1.it)('mixing refuses stems outside the shared volume with 400 naming stem_paths', async () => {
        for (const path of ['/etc/passwd', '../outside.wav', artifacts]) {
            await strict_1.default.rejects(async () => controller.process({ stem_paths: [(0, node_path_1.join)(artifacts, 'stems/x.wav'), path] }), rejectsWith(400, /^stem_paths\[1\] ".*" is outside the shared artifacts volume/));
        }
    });
    (0, node_test_1.it)('mixing names the stem_paths entry it cannot decode', async () => {
        await (0, promises_1.writeFile)((0, node_path_1.join)(artifacts, 'not-audio.wav'), 'ID3 this is an mp3');
        await strict_1.default.rejects(async () => controller.process({ stem_paths: ['not-audio.wav'] }), rejectsWith(422, /^stem_paths\[0\] "not-audio.wav" is not a WAV file/));
        await strict_1.default.rejects(async () => controller.process({ stem_paths: ['missing.wav'] }), rejectsWith(422, /^stem_paths\[0\] "missing.wav" cannot be read/));
    });
    (0, node_test_1.it)('mixes generated stems into output_path with the contract message', async () => {
        const generated = await controller.generate({ prompt_spec: { instruments: ['bass'] } });
        const mastered = await controller.process({ stem_paths: Object.values(generated.stems) });
        strict_1.default.deepEqual(Object.keys(mastered), ['output_path', 'message']);
        strict_1.default.equal(mastered.message, 'Mixing and mastering complete.');
        strict_1.default.ok(mastered.output_path.startsWith((0, node_path_1.join)(artifacts, 'output')), mastered.output_path);
    });
    (0, node_test_1.it)('keeps each service its own Idempotency-Key space', async () => {
        const spec = await controller.parse({ prompt: 'a house beat' }, 'shared-key');
        const generated = await controller.generate({ prompt_spec: spec }, 'shared-key');
        strict_1.default.deepEqual(Object.keys(generated), ['job_id', 'stems']);
        strict_1.default.deepEqual(Object.keys(generated.stems), ['drums']);
    });
});
//# sourceMappingURL=embedded-services.controller.spec.js.map