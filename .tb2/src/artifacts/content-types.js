"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_CONTENT_TYPE = void 0;
exports.contentTypeFor = contentTypeFor;
const node_path_1 = require("node:path");
const CONTENT_TYPES = {
    '.wav': 'audio/wav',
    '.mp3': 'audio/mpeg',
    '.flac': 'audio/flac',
    '.ogg': 'audio/ogg',
    '.json': 'application/json',
};
exports.DEFAULT_CONTENT_TYPE = 'application/octet-stream';
function contentTypeFor(pathOrUrl) {
    const isUrl = /^https?:\/\//i.test(pathOrUrl) && URL.canParse(pathOrUrl);
    const path = isUrl ? new URL(pathOrUrl).pathname : pathOrUrl;
    return CONTENT_TYPES[(0, node_path_1.extname)(path).toLowerCase()] ?? exports.DEFAULT_CONTENT_TYPE;
}
//# sourceMappingURL=content-types.js.map