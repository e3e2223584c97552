"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const node_test_1 = require("node:test");
const app_config_1 = require("./app-config");
const env_reader_1 = require("./env-reader");
(0, node_test_1.describe)('AppConfig', () => {
    (0, node_test_1.it)('has defaults that work on a project machine', () => {
        const config = new app_config_1.AppConfig({});
        strict_1.default.equal(config.port, 3000);
        strict_1.default.equal(config.role, 'all');
        strict_1.default.equal(config.databaseUrl, 'postgres://postgres@127.0.0.1:5432/test');
        strict_1.default.equal(config.redisUrl, 'redis://127.0.0.1:6379/0');
        strict_1.default.equal(config.serviceUrls.parse_prompt, undefined, 'unset URL means the embedded service');
        strict_1.default.deepEqual(config.stepPolicies.generate_sound, {
            timeoutMs: 300_000,
            attempts: 4,
            baseDelayMs: 60_000,
        });
    });
    (0, node_test_1.it)('logs readable lines on a terminal and JSON lines otherwise, unless LOG_FORMAT says', () => {
        strict_1.default.equal(new app_config_1.AppConfig({}, true).logFormat, 'pretty');
        strict_1.default.equal(new app_config_1.AppConfig({}, false).logFormat, 'json');
        strict_1.default.equal(new app_config_1.AppConfig({ LOG_FORMAT: 'json' }, true).logFormat, 'json');
        strict_1.default.equal(new app_config_1.AppConfig({ LOG_FORMAT: 'pretty' }, false).logFormat, 'pretty');
        refuses({ LOG_FORMAT: 'text' }, /LOG_FORMAT: must be one of auto, json, pretty, got "text"/);
    });
    (0, node_test_1.it)('lets STEP_RETRY_DELAY_MS replace every base delay, and reads per-step timeouts', () => {
        const config = new app_config_1.AppConfig({ STEP_RETRY_DELAY_MS: '5', SOUND_GENERATION_TIMEOUT_MS: '1234' });
        for (const policy of Object.values(config.stepPolicies))
            strict_1.default.equal(policy.baseDelayMs, 5);
        strict_1.default.equal(config.stepPolicies.generate_sound.timeoutMs, 1234);
    });
    (0, node_test_1.it)('accepts a Redis database index', () => {
        strict_1.default.equal(new app_config_1.AppConfig({ REDIS_URL: 'redis://127.0.0.1:6379/3' }).redisUrl, 'redis://127.0.0.1:6379/3');
    });
    const refuses = (env, pattern) => strict_1.default.throws(() => new app_config_1.AppConfig(env), (error) => error instanceof app_config_1.ConfigError && pattern.test(error.message));
    (0, node_test_1.it)('accepts a rediss: (TLS) URL, with or without REDIS_TLS_CA_FILE', () => {
        const config = new app_config_1.AppConfig({ REDIS_URL: 'rediss://redis.example.com:6380/0' });
        strict_1.default.equal(config.redisUrl, 'rediss://redis.example.com:6380/0');
        strict_1.default.equal(config.redisTlsCa, undefined);
        const ca = (0, node_path_1.join)((0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'app-config-')), 'ca.pem');
        (0, node_fs_1.writeFileSync)(ca, '-----BEGIN CERTIFICATE-----\n');
        const withCa = new app_config_1.AppConfig({
            REDIS_URL: 'rediss://redis.example.com',
            REDIS_TLS_CA_FILE: ca,
        });
        strict_1.default.equal(withCa.redisTlsCa, '-----BEGIN CERTIFICATE-----\n');
    });
    (0, node_test_1.it)('refuses a REDIS_TLS_CA_FILE that cannot be read, or that a redis: URL would ignore', () => {
        refuses({ REDIS_URL: 'rediss://redis.example.com', REDIS_TLS_CA_FILE: '/nonexistent/ca.pem' }, /REDIS_TLS_CA_FILE: cannot read "\/nonexistent\/ca.pem": ENOENT/);
        const ca = (0, node_path_1.join)((0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'app-config-')), 'ca.pem');
        (0, node_fs_1.writeFileSync)(ca, 'pem');
        refuses({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_TLS_CA_FILE: ca }, /REDIS_TLS_CA_FILE: only used with a rediss: REDIS_URL/);
    });
    (0, node_test_1.it)('refuses a Redis database index that is not an integer 0-15', () => {
        for (const db of ['16', '-1', '1.5', 'three', '0/1']) {
            refuses({ REDIS_URL: `redis://127.0.0.1:6379/${db}` }, /REDIS_URL: database index/);
        }
        strict_1.default.equal(new app_config_1.AppConfig({ REDIS_URL: 'redis://127.0.0.1:6379/15' }).redisUrl.endsWith('/15'), true);
        strict_1.default.equal(new app_config_1.AppConfig({ REDIS_URL: 'redis://redis:6379' }).redisUrl, 'redis://redis:6379');
    });
    (0, node_test_1.it)('accepts IP addresses and hostnames as HOST, and refuses anything else', () => {
        for (const host of ['0.0.0.0', '::', '::1', 'localhost', 'orchestrator-api.internal']) {
            strict_1.default.equal(new app_config_1.AppConfig({ HOST: host }).host, host);
        }
        for (const host of ['http://0.0.0.0', '0.0.0.0:3000', '999.1.1.1', 'my_host', '-bad.example']) {
            refuses({ HOST: host }, /HOST: must be an IP address or a hostname/);
        }
    });
    (0, node_test_1.it)('names every malformed variable in one error', () => {
        const env = {
            PORT: 'eighty',
            APP_ROLE: 'both',
            REDIS_URL: 'redis://127.0.0.1:6379/three',
            DATABASE_URL: 'mysql://x',
            HOST: 'not a host',
            PROMPT_PARSER_URL: 'not a url',
            STEP_RETRY_DELAY_MS: '-1',
            CORS_ORIGINS: 'https://ok.example.com,ftp://bad',
        };
        strict_1.default.throws(() => new app_config_1.AppConfig(env), (error) => {
            strict_1.default.ok(error instanceof app_config_1.ConfigError);
            for (const name of Object.keys(env))
                strict_1.default.match(error.message, new RegExp(`${name}:`));
            return true;
        });
    });
    (0, node_test_1.it)('reads the variables of each step from its prefix, and requires the URL of a service with no embedded one', () => {
        const config = new app_config_1.AppConfig({
            MIXING_MASTERING_URL: 'http://mixing-mastering:8000/process',
            PROMPT_PARSER_ATTEMPTS: '2',
        });
        strict_1.default.equal(config.serviceUrls.mix_master, 'http://mixing-mastering:8000/process');
        strict_1.default.equal(config.stepPolicies.parse_prompt.attempts, 2);
        strict_1.default.deepEqual(Object.keys(config.stepPolicies), [
            'parse_prompt',
            'analyze_style',
            'generate_sound',
            'mix_master',
        ]);
        const read = new env_reader_1.EnvReader({});
        strict_1.default.equal(read.requiredUrl('QUALITY_URL', ['http:'], 'check_quality has no embedded service'), undefined);
        strict_1.default.throws(() => read.throwIfInvalid(), /QUALITY_URL: required: check_quality has no embedded service/);
    });
});
//# sourceMappingURL=app-config.spec.js.map