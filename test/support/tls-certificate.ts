import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const openssl = (args: string[]) => promisify(execFile)('openssl', args);

export function opensslInstalled(): boolean {
  return spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
}

/**
 * A throw-away CA and a server certificate it signed for 127.0.0.1, as PEM files in a temp
 * folder: a client trusts the server only when it is given `caFile`.
 */
export class TlsCertificate {
  private dir = '';

  get caFile(): string {
    return join(this.dir, 'ca.pem');
  }

  get certFile(): string {
    return join(this.dir, 'server.pem');
  }

  get keyFile(): string {
    return join(this.dir, 'server-key.pem');
  }

  async create(): Promise<void> {
    this.dir = await mkdtemp(join(tmpdir(), 'tls-cert-'));
    const file = (name: string) => join(this.dir, name);
    const newKey = ['-newkey', 'rsa:2048', '-nodes'];
    await openssl(
      ['req', '-x509', ...newKey, '-days', '1', '-subj', '/CN=Test CA'].concat([
        '-keyout',
        file('ca-key.pem'),
        '-out',
        this.caFile,
      ]),
    );
    await openssl(
      ['req', ...newKey, '-subj', '/CN=127.0.0.1'].concat([
        '-keyout',
        this.keyFile,
        '-out',
        file('server.csr'),
      ]),
    );
    await writeFile(file('server.ext'), 'subjectAltName = IP:127.0.0.1\n');
    await openssl(
      ['x509', '-req', '-in', file('server.csr'), '-days', '1']
        .concat(['-CA', this.caFile, '-CAkey', file('ca-key.pem'), '-CAcreateserial'])
        .concat(['-extfile', file('server.ext'), '-out', this.certFile]),
    );
  }

  async remove(): Promise<void> {
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}
