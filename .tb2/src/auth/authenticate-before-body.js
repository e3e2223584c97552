"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.authenticateBeforeBody = authenticateBeforeBody;
const common_1 = require("@nestjs/common");
const queue_dashboard_1 = require("../admin/queue-dashboard");
const embedded_services_controller_1 = require("../embedded-services/embedded-services.controller");
const loopback_only_guard_1 = require("../embedded-services/loopback-only.guard");
const api_key_guard_1 = require("./api-key.guard");
function authenticateBeforeBody(app) {
    const authenticator = app.get(api_key_guard_1.Authenticator);
    const embeddedPrefix = `/${embedded_services_controller_1.EMBEDDED_SERVICES_PATH}/`;
    app
        .getHttpAdapter()
        .getInstance()
        .addHook('onRequest', async (request, reply) => {
        if (!carriesBody(request))
            return;
        const path = request.url.split('?', 1)[0];
        if (path.startsWith(queue_dashboard_1.QUEUE_DASHBOARD_PATH))
            return;
        if (path.startsWith(embeddedPrefix)) {
            const refusal = (0, loopback_only_guard_1.embeddedServicesRefusal)(request);
            if (refusal !== undefined)
                await refuse(reply, 403, refusal);
            return;
        }
        try {
            request.principal = await authenticator.authenticate(request);
        }
        catch (error) {
            if (error instanceof common_1.HttpException) {
                const body = error.getResponse();
                await refuse(reply, error.getStatus(), body.detail ?? error.message);
            }
            else {
                await refuse(reply, 503, 'Cannot check the API key right now', { 'retry-after': '5' });
            }
        }
    });
}
function carriesBody(request) {
    const length = request.headers['content-length'];
    return (request.headers['transfer-encoding'] !== undefined ||
        (length !== undefined && length.trim() !== '0'));
}
async function refuse(reply, status, detail, headers = {}) {
    await reply
        .code(status)
        .headers({ ...headers, connection: 'close' })
        .send({ detail });
}
//# sourceMappingURL=authenticate-before-body.js.map