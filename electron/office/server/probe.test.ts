import net from 'node:net';
import pg from 'pg';
import { expect, it, onTestFinished } from 'vitest';
import { createServerDatabase, describeWithPg } from '../../testing/office/server-db';
import { otherCaPem } from '../../testing/office/tls';
import type { ServerConfig } from './connection';
import { migrateServer } from './migrate';
import { SERVER_SCHEMA_VERSION } from './migrations';
import { probeServer } from './probe';

/** A local server of the test's own, closed when the test ends. */
async function listen(host: string, onSocket: (s: net.Socket) => void): Promise<number> {
  const server = net.createServer(onSocket);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('no port');
  return address.port;
}

/** The cluster reached at another address of this machine, which its certificate does not name. */
async function relayAt(host: string, target: ServerConfig): Promise<ServerConfig> {
  const sockets: net.Socket[] = [];
  onTestFinished(() => sockets.forEach((s) => s.destroy()));
  const port = await listen(host, (inbound) => {
    const outbound = net.connect(target.port, target.host);
    sockets.push(inbound, outbound);
    inbound.on('error', () => outbound.destroy());
    outbound.on('error', () => inbound.destroy());
    inbound.pipe(outbound).pipe(inbound);
  });
  return { ...target, host, port };
}

describeWithPg('connecting to the office server over TLS', () => {
  it('connects with the CA that signed the server certificate, encrypted', async () => {
    const config = await createServerDatabase();
    expect(config.ssl.ca).toMatch(/BEGIN CERTIFICATE/);
    expect(await probeServer(config)).toEqual({
      ok: true,
      message: expect.stringMatching(/^Connected securely\. The database office_\w+ is empty/),
    });
    const client = new pg.Client(config);
    await client.connect();
    try {
      const { rows } = await client.query<{ ssl: boolean }>(
        'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
      );
      expect(rows).toEqual([{ ssl: true }]);
    } finally {
      await client.end();
    }
  });

  it('refuses a server whose certificate another CA signed, in plain words', async () => {
    const config = await createServerDatabase();
    const result = await probeServer({
      ...config,
      ssl: { ca: otherCaPem(), rejectUnauthorized: true },
    });
    expect(result).toEqual({
      ok: false,
      updateNeeded: false,
      message:
        `The office server at 127.0.0.1:${config.port} showed a certificate this desktop does ` +
        'not trust. Check the CA certificate in Settings (it must be the one that signed the server’s).',
    });
  });

  it('refuses a server without the system CAs trusting it when no CA is given', async () => {
    const config = await createServerDatabase();
    const result = await probeServer({ ...config, ssl: { rejectUnauthorized: true } });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/certificate this desktop does not trust/);
  });

  it('refuses a certificate not made out for the name it was reached by', async () => {
    const config = await relayAt('127.0.0.2', await createServerDatabase());
    expect(await probeServer(config)).toEqual({
      ok: false,
      updateNeeded: false,
      message:
        "The office server's certificate is not made out for 127.0.0.2. Use the server's name " +
        'as its certificate names it.',
    });
  });

  it('refuses a server that does not offer TLS, sending it nothing else', async () => {
    const received: Buffer[] = [];
    // PostgreSQL with ssl off answers a TLS request with one byte: N
    const port = await listen('127.0.0.1', (socket) => {
      socket.on('data', (chunk) => {
        received.push(chunk);
        socket.write('N');
      });
      socket.on('error', () => undefined);
    });
    const config = { ...(await createServerDatabase()), port };
    expect(await probeServer(config)).toEqual({
      ok: false,
      updateNeeded: false,
      message: `The server at 127.0.0.1:${port} does not offer TLS, so this desktop will not send it anything. Turn ssl on in its postgresql.conf.`,
    });
    // only the 8-byte SSLRequest went out: no user name, no password
    expect(Buffer.concat(received)).toEqual(Buffer.from([0, 0, 0, 8, 4, 210, 22, 47]));
  });

  it('is refused by the cluster when a client asks for no TLS (hostssl only)', async () => {
    const { ssl: _tls, ...plain } = await createServerDatabase();
    const client = new pg.Client(plain);
    client.on('error', () => undefined);
    await expect(client.connect()).rejects.toMatchObject({ code: '28000' });
  });
});

describeWithPg('testing the office settings', () => {
  it('says a wrong password was refused', async () => {
    const config = await createServerDatabase();
    expect(await probeServer({ ...config, password: 'not-it' })).toMatchObject({
      ok: false,
      message: 'The office server refused this desktop’s user name or password.',
    });
  });

  it('says nothing answers at an address', async () => {
    const config = await createServerDatabase();
    // a port freed by its server: nothing listens there any more
    const free = await new Promise<number>((resolve, reject) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const a = s.address();
        s.close(() =>
          a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port')),
        );
      });
    });
    expect(await probeServer({ ...config, port: free })).toMatchObject({
      ok: false,
      message: `The office server at 127.0.0.1:${free} does not answer. Work is kept here and sent when it is back.`,
    });
  });

  it('says a server that accepts and then never answers does not answer, once the time to connect is up', async () => {
    const config = await createServerDatabase();
    // takes the connection and says nothing, as a server behind a dropping firewall seems
    const silent: net.Socket[] = [];
    const port = await listen('127.0.0.1', (s) => silent.push(s));
    const result = await probeServer({ ...config, port, connectTimeoutMs: 200 });
    // the listener closes after the test only once its connections are gone
    const taken = silent.length;
    silent.forEach((s) => s.destroy());
    expect(result).toEqual({
      ok: false,
      updateNeeded: false,
      message: `The office server at 127.0.0.1:${port} does not answer. Work is kept here and sent when it is back.`,
    });
    expect(taken).toBe(1);
  });

  it('says a database that holds other tables is not a ClaimDesk office', async () => {
    const config = await createServerDatabase();
    const client = new pg.Client(config);
    await client.connect();
    await client.query('CREATE TABLE invoices (id integer)');
    await client.end();
    expect(await probeServer(config)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/is not a ClaimDesk office: it holds other tables/),
    });
  });

  it('knows an office database, and one a newer ClaimDesk has updated', async () => {
    const config = await createServerDatabase();
    const pool = new pg.Pool(config);
    try {
      await migrateServer(pool);
      expect(await probeServer(config)).toEqual({
        ok: true,
        message: `Connected securely to the ClaimDesk office ${config.database}.`,
      });
      await pool.query(
        `INSERT INTO schema_version (version, name) VALUES ($1, 'from the future')`,
        [SERVER_SCHEMA_VERSION + 1],
      );
    } finally {
      await pool.end();
    }
    expect(await probeServer(config)).toMatchObject({
      ok: false,
      updateNeeded: true,
      message: expect.stringMatching(/Install the newer ClaimDesk/),
    });
  });
});
