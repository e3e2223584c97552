"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_crypto_1 = require("node:crypto");
const node_test_1 = require("node:test");
const webhook_signer_1 = require("./webhook-signer");
(0, node_test_1.describe)('webhook signer (Standard Webhooks)', () => {
    (0, node_test_1.it)('matches the test vector of the Standard Webhooks reference libraries', () => {
        const key = (0, webhook_signer_1.parseWebhookSecret)('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
        strict_1.default.equal((0, webhook_signer_1.signWebhook)(key, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}'), 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    });
    (0, node_test_1.it)('keys the HMAC with the base64-decoded bytes after whsec_, not the secret text', () => {
        const bytes = (0, node_crypto_1.randomBytes)(32);
        const secret = `whsec_${bytes.toString('base64')}`;
        const body = '{"type":"job.status","timestamp":"2026-11-24T10:00:00.000Z","data":{}}';
        const expected = (0, node_crypto_1.createHmac)('sha256', bytes)
            .update(`msg_42.1795000000.${body}`)
            .digest('base64');
        strict_1.default.equal((0, webhook_signer_1.signWebhook)((0, webhook_signer_1.parseWebhookSecret)(secret), 'msg_42', 1795000000, body), `v1,${expected}`);
        const wrong = (0, node_crypto_1.createHmac)('sha256', secret).update(`msg_42.1795000000.${body}`).digest('base64');
        strict_1.default.notEqual(expected, wrong);
    });
    (0, node_test_1.it)('sends the id, the time in whole seconds, and the signature over both and the body', () => {
        const key = (0, node_crypto_1.randomBytes)(24);
        const headers = (0, webhook_signer_1.webhookHeaders)(key, 'msg_7', '{}', new Date('2026-11-24T10:00:00.999Z'));
        strict_1.default.deepEqual(headers, {
            'webhook-id': 'msg_7',
            'webhook-timestamp': '1795514400',
            'webhook-signature': `v1,${(0, node_crypto_1.createHmac)('sha256', key).update('msg_7.1795514400.{}').digest('base64')}`,
        });
    });
    (0, node_test_1.it)('refuses secrets that are not whsec_ + base64 of 24 to 64 bytes', () => {
        const ok = (0, node_crypto_1.randomBytes)(32).toString('base64');
        strict_1.default.equal((0, webhook_signer_1.parseWebhookSecret)(`whsec_${ok}`).length, 32);
        for (const bad of [ok, `whsec_`, `whsec_${ok}!`, `whsec_${ok.slice(1)}`, 'whsec_not base64']) {
            strict_1.default.throws(() => (0, webhook_signer_1.parseWebhookSecret)(bad), /must be "whsec_" followed by base64/, bad);
        }
        strict_1.default.throws(() => (0, webhook_signer_1.parseWebhookSecret)(`whsec_${(0, node_crypto_1.randomBytes)(16).toString('base64')}`), /must encode 24 to 64 bytes, got 16/);
        strict_1.default.throws(() => (0, webhook_signer_1.parseWebhookSecret)(`whsec_${(0, node_crypto_1.randomBytes)(66).toString('base64')}`), /got 66/);
    });
});
//# sourceMappingURL=webhook-signer.spec.js.map