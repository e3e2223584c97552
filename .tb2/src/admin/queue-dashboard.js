"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.QUEUE_DASHBOARD_PATH = void 0;
exports.mountQueueDashboard = mountQueueDashboard;
const api_1 = require("@bull-board/api");
const bullAdapter_1 = require("@bull-board/api/bullAdapter");
const fastify_1 = require("@bull-board/fastify");
const bull_1 = require("@nestjs/bull");
const common_1 = require("@nestjs/common");
const api_key_guard_1 = require("../auth/api-key.guard");
const app_config_1 = require("../config/app-config");
const pipeline_constants_1 = require("../pipeline/pipeline.constants");
const same_origin_1 = require("./same-origin");
exports.QUEUE_DASHBOARD_PATH = '/admin/queues';
async function mountQueueDashboard(app) {
    const serverAdapter = new fastify_1.FastifyAdapter();
    serverAdapter.setBasePath(exports.QUEUE_DASHBOARD_PATH);
    (0, api_1.createBullBoard)({
        queues: [new bullAdapter_1.BullAdapter(app.get((0, bull_1.getQueueToken)(pipeline_constants_1.PIPELINE_QUEUE)))],
        serverAdapter,
        options: { uiConfig: { boardTitle: 'Track pipeline' } },
    });
    const authenticator = app.get(api_key_guard_1.Authenticator);
    const { publicBaseUrl } = app.get(app_config_1.AppConfig);
    await app.register(async (scope) => {
        scope.addHook('onRequest', async (request, reply) => {
            const crossSite = (0, same_origin_1.crossSiteRefusal)(request, publicBaseUrl);
            if (crossSite !== undefined) {
                await reply.code(403).header('connection', 'close').send({ detail: crossSite });
                return;
            }
            try {
                const principal = await authenticator.authenticate(request);
                if (principal.isAdmin)
                    return;
                await reply.code(403).send({ detail: 'The queue dashboard needs an admin API key' });
            }
            catch (error) {
                const status = error instanceof common_1.HttpException ? error.getStatus() : 503;
                const detail = error instanceof common_1.HttpException
                    ? error.getResponse().detail
                    : 'Cannot check the API key right now';
                if (status === 401)
                    void reply.header('www-authenticate', 'Basic realm="Queue dashboard", charset="UTF-8"');
                await reply.code(status).send({ detail });
            }
        });
        await scope.register(serverAdapter.registerPlugin(), { prefix: exports.QUEUE_DASHBOARD_PATH });
    });
}
//# sourceMappingURL=queue-dashboard.js.map