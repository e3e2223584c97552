"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
require("reflect-metadata");
const common_1 = require("@nestjs/common");
const app_config_1 = require("./config/app-config");
const create_app_1 = require("./create-app");
const start_banner_1 = require("./observability/start-banner");
const pipeline_worker_1 = require("./pipeline/pipeline.worker");
function readConfig() {
    try {
        return new app_config_1.AppConfig();
    }
    catch (error) {
        if (error instanceof app_config_1.ConfigError) {
            process.stderr.write(`${error.message}\n`);
            process.exit(78);
        }
        throw error;
    }
}
function handleShutdown(app, config) {
    const logger = new common_1.Logger('Shutdown');
    let stopping = false;
    const stop = (signal) => {
        if (stopping)
            return;
        stopping = true;
        logger.log({ msg: `${signal} received; shutting down`, grace_ms: config.shutdownGraceMs });
        const deadline = setTimeout(() => {
            logger.error({ msg: 'Shutdown did not finish in time; exiting' });
            process.exit(1);
        }, config.shutdownGraceMs + 15_000);
        deadline.unref();
        const server = app.getHttpAdapter().getInstance();
        Promise.all([config.runsWorker ? app.get(pipeline_worker_1.PipelineWorker).drain() : undefined, server.close()])
            .then(() => app.close())
            .then(() => process.exit(0))
            .catch((error) => {
            logger.error({ msg: 'Shutdown failed', err: String(error) });
            process.exit(1);
        });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
}
async function bootstrap() {
    const config = readConfig();
    const app = await (0, create_app_1.createApp)(config);
    handleShutdown(app, config);
    const url = await (0, create_app_1.listen)(app, config);
    if (config.logFormat === 'pretty')
        process.stdout.write((0, start_banner_1.startBanner)(config, url));
}
bootstrap().catch((error) => {
    new common_1.Logger('Bootstrap').error(error instanceof Error ? error.message : String(error));
    process.exit(1);
});
//# sourceMappingURL=main.js.map