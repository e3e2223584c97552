"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_crypto_1 = require("node:crypto");
const node_test_1 = require("node:test");
const webhook_credentials_1 = require("./webhook-credentials");
(0, node_test_1.describe)('webhook credentials at rest', () => {
    const key = (0, node_crypto_1.randomBytes)(32);
    const url = 'https://hook-user:s3cr%40t@hooks.example.com:8443/in?x=1';
    (0, node_test_1.it)('seals the password only, and opens it again', () => {
        const sealed = (0, webhook_credentials_1.sealUrlPassword)(url, key);
        strict_1.default.match(sealed, /^https:\/\/hook-user:whc1\.[\w-]+@hooks\.example\.com:8443\/in\?x=1$/);
        strict_1.default.ok(!sealed.includes('s3cr'));
        strict_1.default.equal((0, webhook_credentials_1.openUrlPassword)(sealed, key), url);
        strict_1.default.equal((0, webhook_credentials_1.sealUrlPassword)('https://hooks.example.com/in', key), 'https://hooks.example.com/in');
    });
    (0, node_test_1.it)('refuses another key, no key, or a sealed password moved to another host', () => {
        const sealed = (0, webhook_credentials_1.sealUrlPassword)(url, key);
        const unreadable = (u, k) => strict_1.default.throws(() => (0, webhook_credentials_1.openUrlPassword)(u, k), webhook_credentials_1.UnreadableWebhookCredentialsError);
        unreadable(sealed, (0, node_crypto_1.randomBytes)(32));
        unreadable(sealed, undefined);
        unreadable(sealed.replace('hooks.example.com', 'attacker.example'), key);
    });
    (0, node_test_1.it)('sends a password stored before encryption as it is', () => {
        strict_1.default.equal((0, webhook_credentials_1.openUrlPassword)(url, key), url);
    });
    (0, node_test_1.it)('fingerprints a password by a keyed MAC, never by the password itself', () => {
        const printed = (0, webhook_credentials_1.fingerprintableUrl)(url, key);
        strict_1.default.ok(!printed.includes('s3cr'));
        strict_1.default.equal((0, webhook_credentials_1.fingerprintableUrl)(url, key), printed);
        strict_1.default.notEqual((0, webhook_credentials_1.fingerprintableUrl)(url.replace('s3cr', 'other'), key), printed);
    });
});
//# sourceMappingURL=webhook-credentials.spec.js.map