"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const artifact_link_signature_1 = require("./artifact-link-signature");
const KEY = Buffer.from('k'.repeat(32));
(0, node_test_1.describe)('signed artifact links', () => {
    (0, node_test_1.it)('keeps a link identical within a lifetime window and valid for at least the lifetime', () => {
        const ttl = 3600;
        const start = Date.UTC(2026, 10, 24, 10, 0, 0);
        strict_1.default.equal((0, artifact_link_signature_1.linkExpiry)(start, ttl), (0, artifact_link_signature_1.linkExpiry)(start + 3599_000, ttl));
        for (const now of [start, start + 1_000, start + 3599_000]) {
            const expires = (0, artifact_link_signature_1.linkExpiry)(now, ttl);
            strict_1.default.ok(expires * 1000 - now >= ttl * 1000 && expires * 1000 - now <= 2 * ttl * 1000);
        }
    });
    (0, node_test_1.it)('accepts its own signature until it expires, and nothing else', () => {
        const now = Date.now();
        const expires = Math.floor(now / 1000) + 60;
        const signature = (0, artifact_link_signature_1.signArtifactPath)(KEY, 'output/a.wav', expires);
        const check = (path, e, s, at = now) => (0, artifact_link_signature_1.checkArtifactLink)(KEY, path, e, s, at);
        strict_1.default.equal(check('output/a.wav', String(expires), signature), 'valid');
        strict_1.default.equal(check('output/a.wav', String(expires), signature, expires * 1000), 'expired');
        strict_1.default.equal(check('output/b.wav', String(expires), signature), 'invalid');
        strict_1.default.equal(check('output/a.wav', String(expires + 1), signature), 'invalid');
        strict_1.default.equal(check('output/a.wav', String(expires), undefined), 'invalid');
        strict_1.default.equal(check('output/a.wav', ['1', '2'], signature), 'invalid');
        strict_1.default.equal(check('output/a.wav', String(expires), `${signature}=`), 'invalid');
    });
    (0, node_test_1.it)('wants a secret of at least 32 characters', () => {
        strict_1.default.throws(() => (0, artifact_link_signature_1.parseArtifactUrlSecret)('short'), /at least 32 characters/);
        strict_1.default.equal((0, artifact_link_signature_1.parseArtifactUrlSecret)('s'.repeat(32)).length, 32);
    });
});
//# sourceMappingURL=artifact-link-signature.spec.js.map