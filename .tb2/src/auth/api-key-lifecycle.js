"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ApiKeyCommandError = void 0;
exports.createApiKey = createApiKey;
exports.listApiKeys = listApiKeys;
exports.revokeApiKey = revokeApiKey;
exports.rotateApiKey = rotateApiKey;
const node_crypto_1 = require("node:crypto");
const api_key_hash_1 = require("./api-key-hash");
const api_keys_repository_1 = require("./api-keys.repository");
class ApiKeyCommandError extends Error {
}
exports.ApiKeyCommandError = ApiKeyCommandError;
async function createApiKey(db, name, isAdmin) {
    if (api_keys_repository_1.RESERVED_KEY_NAMES.includes(name))
        throw new ApiKeyCommandError(`"${name}" is reserved for jobs made without a key; choose another name`);
    const key = (0, api_key_hash_1.generateApiKey)();
    const rows = await db.query(`INSERT INTO api_keys (id, name, key_hash, key_prefix, is_admin)
     SELECT $1::uuid, $2::varchar, $3::varchar, $4::varchar, $5::boolean
      WHERE NOT EXISTS (SELECT 1 FROM api_keys WHERE name = $2)
     RETURNING id`, [(0, node_crypto_1.randomUUID)(), name, (0, api_key_hash_1.hashApiKey)(key), key.slice(0, 12), isAdmin]);
    if (rows.length === 0)
        throw new ApiKeyCommandError(`A key named "${name}" already exists (rotate gives it a new key; list shows every key)`);
    return key;
}
async function listApiKeys(db) {
    const rows = await db.query(`SELECT name, key_prefix, is_admin, created_at, last_used_at, revoked_at
       FROM api_keys ORDER BY name, created_at`);
    return rows.map((r) => ({
        name: r.name,
        prefix: r.key_prefix,
        isAdmin: r.is_admin,
        createdAt: r.created_at,
        lastUsedAt: r.last_used_at,
        revokedAt: r.revoked_at,
    }));
}
async function revokeApiKey(db, name) {
    const rows = await db.query(`WITH revoked AS (
       UPDATE api_keys SET revoked_at = now() WHERE name = $1 AND ${api_keys_repository_1.KEY_IS_ACTIVE} RETURNING id)
     SELECT id FROM revoked`, [name]);
    if (rows.length === 0)
        throw new ApiKeyCommandError(`No active key named "${name}"`);
    return rows.length;
}
async function rotateApiKey(db, name, graceSeconds) {
    const key = (0, api_key_hash_1.generateApiKey)();
    return db.transaction(async (tx) => {
        const old = await tx.query(`WITH replaced AS (
         UPDATE api_keys SET revoked_at = now() + make_interval(secs => $2)
          WHERE name = $1 AND revoked_at IS NULL
         RETURNING is_admin)
       SELECT is_admin FROM replaced`, [name, graceSeconds]);
        if (old.length === 0)
            throw new ApiKeyCommandError(`No key named "${name}" to rotate (a revoked one stays revoked)`);
        await tx.query('INSERT INTO api_keys (id, name, key_hash, key_prefix, is_admin) VALUES ($1, $2, $3, $4, $5)', [(0, node_crypto_1.randomUUID)(), name, (0, api_key_hash_1.hashApiKey)(key), key.slice(0, 12), old[0].is_admin]);
        return key;
    });
}
//# sourceMappingURL=api-key-lifecycle.js.map