"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.keepAuthenticatedAnswersPrivate = keepAuthenticatedAnswersPrivate;
const KEY_HEADERS = ['Authorization', 'X-API-Key'];
function keepAuthenticatedAnswersPrivate(app) {
    app
        .getHttpAdapter()
        .getInstance()
        .addHook('onSend', (request, reply, payload, done) => {
        if (request.principal !== undefined) {
            void reply.header('cache-control', 'private, no-store');
            const vary = reply.getHeader('vary');
            const existing = vary === undefined
                ? []
                : String(vary)
                    .split(',')
                    .map((v) => v.trim());
            const missing = KEY_HEADERS.filter((name) => !existing.some((v) => v.toLowerCase() === name.toLowerCase()));
            if (missing.length > 0)
                void reply.header('vary', [...existing, ...missing].join(', '));
        }
        done(null, payload);
    });
}
//# sourceMappingURL=private-answers.js.map