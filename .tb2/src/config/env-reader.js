"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EnvReader = exports.ConfigError = void 0;
const node_fs_1 = require("node:fs");
const node_net_1 = require("node:net");
const MAX_REDIS_DB = 15;
function isHostname(value) {
    const labels = value.split('.');
    return (value.length <= 253 &&
        labels.every((label) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(label)) &&
        !/^\d+$/.test(labels[labels.length - 1]));
}
class ConfigError extends Error {
    problems;
    constructor(problems) {
        super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
        this.problems = problems;
        this.name = 'ConfigError';
    }
}
exports.ConfigError = ConfigError;
class EnvReader {
    env;
    problems = [];
    constructor(env) {
        this.env = env;
    }
    raw(name) {
        const value = this.env[name];
        return value === undefined || value.trim() === '' ? undefined : value.trim();
    }
    fail(name, message) {
        this.problems.push(`${name}: ${message}`);
    }
    string(name, fallback) {
        return this.raw(name) ?? fallback;
    }
    optionalInt(name, min, max) {
        const value = this.raw(name);
        if (value === undefined)
            return undefined;
        if (!/^-?\d+$/.test(value)) {
            this.fail(name, `must be an integer, got "${value}"`);
            return undefined;
        }
        const parsed = Number(value);
        if (parsed < min || parsed > max) {
            this.fail(name, `must be between ${min} and ${max}, got ${parsed}`);
            return undefined;
        }
        return parsed;
    }
    int(name, fallback, min, max) {
        return this.optionalInt(name, min, max) ?? fallback;
    }
    port(name, fallback) {
        return this.int(name, fallback, 0, 65_535);
    }
    oneOf(name, allowed, fallback) {
        const value = this.raw(name);
        if (value === undefined)
            return fallback;
        if (!allowed.includes(value)) {
            this.fail(name, `must be one of ${allowed.join(', ')}, got "${value}"`);
            return fallback;
        }
        return value;
    }
    optionalUrl(name, protocols) {
        const value = this.raw(name);
        if (value === undefined)
            return undefined;
        let url;
        try {
            url = new URL(value);
        }
        catch {
            this.fail(name, `must be an absolute URL, got "${value}"`);
            return undefined;
        }
        if (!protocols.includes(url.protocol)) {
            this.fail(name, `must use ${protocols.join(' or ')}, got "${url.protocol}"`);
            return undefined;
        }
        return value;
    }
    requiredUrl(name, protocols, why) {
        if (this.raw(name) === undefined) {
            this.fail(name, `required: ${why}`);
            return undefined;
        }
        return this.optionalUrl(name, protocols);
    }
    url(name, fallback, protocols) {
        return this.optionalUrl(name, protocols) ?? fallback;
    }
    originList(name) {
        const value = this.raw(name);
        if (value === undefined)
            return [];
        const origins = value
            .split(',')
            .map((item) => item.trim())
            .filter(Boolean);
        for (const origin of origins) {
            if (!/^https?:\/\/[^/\s]+$/.test(origin))
                this.fail(name, `"${origin}" is not an origin like https://app.example.com`);
        }
        return origins;
    }
    redisUrl(name, fallback) {
        const value = this.optionalUrl(name, ['redis:', 'rediss:']);
        if (value === undefined)
            return fallback;
        const url = new URL(value);
        const db = url.pathname.replace(/^\//, '');
        if (db !== '' && (!/^\d+$/.test(db) || Number(db) > MAX_REDIS_DB)) {
            this.fail(name, `database index must be an integer 0-${MAX_REDIS_DB}, got "${db}"`);
            return fallback;
        }
        return value;
    }
    optionalTextFile(name) {
        const path = this.raw(name);
        if (path === undefined)
            return undefined;
        try {
            return (0, node_fs_1.readFileSync)(path, 'utf8');
        }
        catch (error) {
            this.fail(name, `cannot read "${path}": ${error.code ?? String(error)}`);
            return undefined;
        }
    }
    host(name, fallback) {
        const value = this.raw(name);
        if (value === undefined)
            return fallback;
        if ((0, node_net_1.isIP)(value) === 0 && !isHostname(value)) {
            this.fail(name, `must be an IP address or a hostname, got "${value}"`);
            return fallback;
        }
        return value;
    }
    throwIfInvalid() {
        if (this.problems.length > 0)
            throw new ConfigError(this.problems);
    }
}
exports.EnvReader = EnvReader;
//# sourceMappingURL=env-reader.js.map