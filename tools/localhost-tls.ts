/**
 * A throwaway TLS certificate for `localhost`, so the bench serves HTTPS over HTTP/2 as production hosts and
 * FHIR servers do (browsers speak HTTP/2 only over TLS). Made with the machine's `openssl` for one day; the
 * browser is told to trust it by its public key's hash (`--ignore-certificate-errors-spki-list`), which it then
 * treats as a valid certificate: it caches what it fetches and reuses connections as with a real one.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createHash, createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface LocalhostTls {
  key: string;
  cert: string;
  /** The Chromium flag that makes it trust this certificate. */
  chromiumFlag: string;
}

/** Is there an `openssl` to run? When not, and we are root on Debian, installs Debian's package (as tools/chromium.mjs does for the browser). */
function haveOpenssl(): boolean {
  const found = () => spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
  if (found()) return true;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    spawnSync('/bin/sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >/dev/null'], { stdio: 'inherit' });
    return found();
  }
  return false;
}

/** A new key and self-signed certificate for localhost and 127.0.0.1 in `folder`; undefined when there is no `openssl`. */
export async function localhostTls(folder: string): Promise<LocalhostTls | undefined> {
  const keyFile = join(folder, 'localhost-key.pem');
  const certFile = join(folder, 'localhost-cert.pem');
  if (!haveOpenssl()) return undefined;
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', keyFile, '-out', certFile],
      { stdio: 'ignore' },
    );
  } catch {
    return undefined;
  }
  const [key, cert] = await Promise.all([readFile(keyFile, 'utf8'), readFile(certFile, 'utf8')]);
  const spki = createPublicKey(cert).export({ type: 'spki', format: 'der' });
  return { key, cert, chromiumFlag: `--ignore-certificate-errors-spki-list=${createHash('sha256').update(spki).digest('base64')}` };
}
