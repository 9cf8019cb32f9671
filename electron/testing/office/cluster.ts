import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ServerConfig } from '../../office/server/connection';
import { makeCa, makeServerCert } from './tls';

/**
 * Where PostgreSQL's server programs are: `pg_config --bindir` when it is on PATH, else
 * the newest of Debian's /usr/lib/postgresql/<major>/bin. Null when neither has initdb.
 */
export function findPgBin(): string | null {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // pg_config comes with libpq's dev package, which a server install may lack
  }
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const majors = fs
      .readdirSync(debian)
      .filter((d) => /^\d+$/.test(d))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...majors.map((m) => path.join(debian, m, 'bin')));
  }
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb'))) ?? null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export interface Cluster {
  config: ServerConfig;
  stop(): void;
}

/**
 * A throwaway cluster: initdb and pg_ctl run as the postgres user when we are root
 * (initdb refuses root), with the data folder, the unix socket and the log in one temp
 * folder that user owns; fsync off, since the data lives only as long as the tests;
 * SCRAM passwords and TLS only (a throwaway CA's certificate for 127.0.0.1 and localhost),
 * the way an office's server is set up.
 */
export async function startCluster(bin: string): Promise<Cluster> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (program: string, args: string[]): void => {
    const exe = path.join(bin, program);
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
    execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: root });
  };
  const password = crypto.randomBytes(18).toString('base64url');
  const data = path.join(root, 'data');
  const passwordFile = path.join(root, 'password');
  fs.writeFileSync(passwordFile, password);
  const ca = makeCa(root);
  const tls = makeServerCert(ca, root);
  fs.rmSync(ca.keyFile);
  if (asRoot) {
    execFileSync('chown', ['-R', 'postgres', root]);
    fs.chmodSync(root, 0o700);
  }
  const port = await freePort();
  run('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=scram-sha-256',
    `--pwfile=${passwordFile}`,
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  fs.rmSync(passwordFile);
  // over TCP only TLS is let in (no plain host lines); the socket stays for pg_ctl's wait
  fs.writeFileSync(
    path.join(data, 'pg_hba.conf'),
    'local all all scram-sha-256\nhostssl all all 127.0.0.1/32 scram-sha-256\n',
  );
  const options = [
    `-p ${port}`,
    `-k ${root}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
    '-c ssl=on',
    `-c ssl_cert_file=${tls.certFile}`,
    `-c ssl_key_file=${tls.keyFile}`,
  ].join(' ');
  run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(root, 'log'), '-w', 'start']);
  return {
    config: {
      host: '127.0.0.1',
      port,
      user: 'postgres',
      password,
      database: 'postgres',
      ssl: { ca: ca.pem, rejectUnauthorized: true },
    },
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
