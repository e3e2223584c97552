"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.API_KEY_SCHEME = exports.BEARER_SCHEME = void 0;
exports.operationId = operationId;
exports.addKeySchemes = addKeySchemes;
exports.documentKeyRequirement = documentKeyRequirement;
const core_1 = require("@nestjs/core");
const public_decorator_1 = require("./public.decorator");
exports.BEARER_SCHEME = 'bearer';
exports.API_KEY_SCHEME = 'api-key';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const KEY_DESCRIPTION = 'An API key from `npm run apikey:create -- --name NAME [--admin]`. Needed on every route but health and docs once a key exists; without any key the server accepts loopback clients only.';
function operationId(controllerKey, methodKey) {
    return `${controllerKey}_${methodKey}`;
}
function addKeySchemes(builder) {
    return builder
        .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'API key',
        description: `\`Authorization: Bearer <key>\`. ${KEY_DESCRIPTION}`,
    }, exports.BEARER_SCHEME)
        .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: KEY_DESCRIPTION }, exports.API_KEY_SCHEME);
}
function documentKeyRequirement(document, app) {
    const open = publicOperationIds(app);
    for (const pathItem of Object.values(document.paths)) {
        for (const method of HTTP_METHODS) {
            const operation = pathItem[method];
            if (!operation || operation.security || open.has(operation.operationId ?? ''))
                continue;
            operation.security = [{ [exports.BEARER_SCHEME]: [] }, { [exports.API_KEY_SCHEME]: [] }];
            operation.responses['401'] ??= {
                description: 'No API key, an unknown or revoked one, or (on a server without keys) a client that is not on loopback or comes through a proxy.',
                content: {
                    'application/json': {
                        schema: { $ref: '#/components/schemas/ErrorResponseDto' },
                        example: { detail: 'API key required: send Authorization: Bearer <key> or X-API-Key' },
                    },
                },
            };
        }
    }
    return document;
}
function publicOperationIds(app) {
    const reflector = app.get(core_1.Reflector);
    const ids = new Set();
    for (const module of app.get(core_1.ModulesContainer).values()) {
        for (const { metatype } of module.controllers.values()) {
            const controller = metatype;
            if (!controller)
                continue;
            const prototype = controller.prototype;
            for (const name of Object.getOwnPropertyNames(prototype)) {
                const handler = prototype[name];
                if (name === 'constructor' || typeof handler !== 'function')
                    continue;
                if (reflector.getAllAndOverride(public_decorator_1.IS_PUBLIC, [handler, controller]))
                    ids.add(operationId(controller.name, name));
            }
        }
    }
    return ids;
}
//# sourceMappingURL=openapi-security.js.map