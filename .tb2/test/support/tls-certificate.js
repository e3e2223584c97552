"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TlsCertificate = void 0;
exports.opensslInstalled = opensslInstalled;
const node_child_process_1 = require("node:child_process");
const promises_1 = require("node:fs/promises");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const node_util_1 = require("node:util");
const openssl = (args) => (0, node_util_1.promisify)(node_child_process_1.execFile)('openssl', args);
function opensslInstalled() {
    return (0, node_child_process_1.spawnSync)('openssl', ['version'], { stdio: 'ignore' }).status === 0;
}
class TlsCertificate {
    dir = '';
    get caFile() {
        return (0, node_path_1.join)(this.dir, 'ca.pem');
    }
    get certFile() {
        return (0, node_path_1.join)(this.dir, 'server.pem');
    }
    get keyFile() {
        return (0, node_path_1.join)(this.dir, 'server-key.pem');
    }
    async create() {
        this.dir = await (0, promises_1.mkdtemp)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'tls-cert-'));
        const file = (name) => (0, node_path_1.join)(this.dir, name);
        const newKey = ['-newkey', 'rsa:2048', '-nodes'];
        await openssl(['req', '-x509', ...newKey, '-days', '1', '-subj', '/CN=Test CA'].concat([
            '-keyout',
            file('ca-key.pem'),
            '-out',
            this.caFile,
        ]));
        await openssl(['req', ...newKey, '-subj', '/CN=127.0.0.1'].concat([
            '-keyout',
            this.keyFile,
            '-out',
            file('server.csr'),
        ]));
        await (0, promises_1.writeFile)(file('server.ext'), 'subjectAltName = IP:127.0.0.1\n');
        await openssl(['x509', '-req', '-in', file('server.csr'), '-days', '1']
            .concat(['-CA', this.caFile, '-CAkey', file('ca-key.pem'), '-CAcreateserial'])
            .concat(['-extfile', file('server.ext'), '-out', this.certFile]));
    }
    async remove() {
        if (this.dir)
            await (0, promises_1.rm)(this.dir, { recursive: true, force: true });
    }
}
exports.TlsCertificate = TlsCertificate;
//# sourceMappingURL=tls-certificate.js.map