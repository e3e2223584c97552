"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.STUDIO_DIR = exports.STUDIO_PATH = void 0;
exports.mountStudio = mountStudio;
const static_1 = __importDefault(require("@fastify/static"));
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
exports.STUDIO_PATH = '/studio/';
exports.STUDIO_DIR = (0, node_path_1.join)(__dirname, '..', '..', '..', 'web', 'dist');
const PAGE_POLICY = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    'media-src http: https: blob:',
    'connect-src http: https:',
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
].join('; ');
async function mountStudio(app, root = exports.STUDIO_DIR) {
    const server = app.getHttpAdapter().getInstance();
    if (!(0, node_fs_1.existsSync)((0, node_path_1.join)(root, 'index.html'))) {
        server.get(`${exports.STUDIO_PATH}*`, (_request, reply) => notBuilt(reply));
        server.get(exports.STUDIO_PATH.slice(0, -1), (_request, reply) => notBuilt(reply));
        return;
    }
    await app.register(static_1.default, {
        root,
        prefix: exports.STUDIO_PATH,
        index: 'index.html',
        dotfiles: 'ignore',
        setHeaders: (reply, path) => {
            if ((0, node_path_1.basename)(path) === 'index.html')
                pageHeaders(reply);
            else
                void reply.header('cache-control', 'public, max-age=31536000, immutable');
        },
    });
    server.get(exports.STUDIO_PATH.slice(0, -1), (_request, reply) => reply.redirect(exports.STUDIO_PATH, 301));
    server.get(`${exports.STUDIO_PATH}jobs/*`, (_request, reply) => {
        pageHeaders(reply);
        return reply.sendFile('index.html', root, { cacheControl: false });
    });
}
function pageHeaders(reply) {
    void reply.headers({ 'cache-control': 'no-cache', 'content-security-policy': PAGE_POLICY });
}
function notBuilt(reply) {
    return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The web studio is not built: run `npm run build` (or `npm start`), then reload.\n');
}
//# sourceMappingURL=studio-routes.js.map