import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const OPENSSL = 'openssl';

function openssl(args: string[], cwd: string): void {
  execFileSync(OPENSSL, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** openssl req's arguments for a new EC P-256 key, unencrypted, written to `keyFile`. */
const newEcKey = (keyFile: string): string[] => [
  '-newkey',
  'ec',
  '-pkeyopt',
  'ec_paramgen_curve:prime256v1',
  '-nodes',
  '-keyout',
  keyFile,
];

/** A certificate authority of a test's own: its certificate and key files, in `dir`. */
export interface TestCa {
  certFile: string;
  keyFile: string;
  /** The CA certificate as PEM text, as a supervisor pastes it. */
  pem: string;
}

/** A throwaway CA (EC P-256, two days), as an office's own CA would be made. */
export function makeCa(dir: string, name = 'ca'): TestCa {
  const certFile = path.join(dir, `${name}.crt`);
  const keyFile = path.join(dir, `${name}.key`);
  openssl(
    [
      'req',
      '-x509',
      ...newEcKey(keyFile),
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      `/CN=ClaimDesk test ${name}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  return { certFile, keyFile, pem: fs.readFileSync(certFile, 'utf8') };
}

/**
 * A server certificate signed by `ca` for the names a test connects by (127.0.0.1 and
 * localhost), with its key readable by its owner only, as PostgreSQL requires.
 */
export function makeServerCert(
  ca: TestCa,
  dir: string,
  altNames = 'IP:127.0.0.1,DNS:localhost',
): { certFile: string; keyFile: string } {
  const certFile = path.join(dir, 'server.crt');
  const keyFile = path.join(dir, 'server.key');
  const request = path.join(dir, 'server.csr');
  const extensions = path.join(dir, 'server.ext');
  openssl(['req', ...newEcKey(keyFile), '-out', request, '-subj', '/CN=127.0.0.1'], dir);
  fs.writeFileSync(
    extensions,
    `subjectAltName=${altNames}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`,
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      request,
      '-CA',
      ca.certFile,
      '-CAkey',
      ca.keyFile,
      '-CAcreateserial',
      '-out',
      certFile,
      '-days',
      '2',
      '-extfile',
      extensions,
    ],
    dir,
  );
  fs.rmSync(request);
  fs.chmodSync(keyFile, 0o600);
  return { certFile, keyFile };
}

/** Another CA's certificate, which did not sign the test cluster's: for the refusal tests. */
export function otherCaPem(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-ca-'));
  try {
    return makeCa(dir, 'other-ca').pem;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
