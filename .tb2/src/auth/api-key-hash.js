"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.generateApiKey = generateApiKey;
exports.hashApiKey = hashApiKey;
const node_crypto_1 = require("node:crypto");
const KEY_PREFIX = 'tok_';
function generateApiKey() {
    return `${KEY_PREFIX}${(0, node_crypto_1.randomBytes)(32).toString('base64url')}`;
}
function hashApiKey(key) {
    return (0, node_crypto_1.createHash)('sha256').update(key).digest('hex');
}
//# sourceMappingURL=api-key-hash.js.map