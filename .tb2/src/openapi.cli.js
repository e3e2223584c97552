"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OPENAPI_FILE = void 0;
exports.serializeOpenApi = serializeOpenApi;
require("reflect-metadata");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const core_1 = require("@nestjs/core");
const platform_fastify_1 = require("@nestjs/platform-fastify");
const app_module_1 = require("./app.module");
const app_config_1 = require("./config/app-config");
const create_app_1 = require("./create-app");
exports.OPENAPI_FILE = (0, node_path_1.join)(__dirname, '..', '..', 'openapi.json');
function serializeOpenApi(document) {
    return `${JSON.stringify(document, null, 2)}\n`;
}
async function main() {
    const app = await core_1.NestFactory.create(app_module_1.AppModule.forRoot(new app_config_1.AppConfig({})), new platform_fastify_1.FastifyAdapter(), { preview: true, logger: false });
    (0, node_fs_1.writeFileSync)(exports.OPENAPI_FILE, serializeOpenApi((0, create_app_1.buildOpenApiDocument)(app)));
    await app.close();
    process.stdout.write(`Wrote ${exports.OPENAPI_FILE}\n`);
}
if (require.main === module) {
    main().catch((error) => {
        process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
        process.exit(1);
    });
}
//# sourceMappingURL=openapi.cli.js.map