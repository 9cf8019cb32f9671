import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import { testProtection } from '../testing/os-protection';
import { makeCa, makeServerCert } from '../testing/office/tls';
import {
  OfficeServerSettingsStore,
  type OfficeServerInput,
  type StoredOfficeServer,
} from './settings';

function memoryStorage() {
  let kept: StoredOfficeServer | undefined;
  return { get: () => kept, set: (v: StoredOfficeServer | undefined) => (kept = v) };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-office-settings-'));
const ca = makeCa(dir);
const serverCert = fs.readFileSync(makeServerCert(ca, dir).certFile, 'utf8');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const input: OfficeServerInput = {
  host: 'claimdesk-db.example',
  port: 5432,
  database: 'claimdesk',
  user: 'desk_one',
  password: 'correct horse battery',
  caPem: ca.pem.trim(),
};

describe('the office server settings on a workstation', () => {
  it('keeps the password wrapped by the OS key store, never in the clear', async () => {
    const storage = memoryStorage();
    const protection = testProtection();
    const store = new OfficeServerSettingsStore(storage, () => Promise.resolve(protection));
    await store.save(input);
    const kept = JSON.stringify(storage.get());
    expect(kept).not.toContain('correct horse');
    expect(store.view()).toEqual({
      server: {
        host: 'claimdesk-db.example',
        port: 5432,
        database: 'claimdesk',
        user: 'desk_one',
        caPem: ca.pem.trim(),
      },
      passwordSet: true,
    });
    expect(JSON.stringify(store.view())).not.toContain('correct horse');
    expect(await store.config()).toEqual({
      host: 'claimdesk-db.example',
      port: 5432,
      database: 'claimdesk',
      user: 'desk_one',
      password: 'correct horse battery',
      ssl: { ca: ca.pem.trim(), rejectUnauthorized: true },
    });
  });

  it('keeps the saved password when none is typed, and asks for one when none is saved', async () => {
    const protection = testProtection();
    const store = new OfficeServerSettingsStore(memoryStorage(), () => Promise.resolve(protection));
    await expect(store.save({ ...input, password: null })).rejects.toThrow('Enter the password.');
    expect(store.view()).toEqual({ server: null, passwordSet: false });
    await store.save(input);
    await store.save({ ...input, host: 'db2.example', password: null, caPem: null });
    expect(await store.config()).toMatchObject({
      host: 'db2.example',
      password: 'correct horse battery',
      // no CA given: the system's CAs, still verified
      ssl: { rejectUnauthorized: true },
    });
    store.clear();
    expect(store.view()).toEqual({ server: null, passwordSet: false });
    expect(await store.config()).toBeNull();
  });

  it('wraps the password again when the OS rotated its key', async () => {
    const storage = memoryStorage();
    const protection = testProtection();
    const store = new OfficeServerSettingsStore(storage, () => Promise.resolve(protection));
    await store.save(input);
    const before = storage.get()?.wrappedPassword;
    protection.rotate();
    expect((await store.config())?.password).toBe('correct horse battery');
    expect(storage.get()?.wrappedPassword).not.toBe(before);
  });

  it('refuses what is not a CA certificate, saying which field', async () => {
    const store = new OfficeServerSettingsStore(memoryStorage(), () =>
      Promise.resolve(testProtection()),
    );
    const refusal = (caPem: string) =>
      store.save({ ...input, caPem }).then(
        () => expect.fail('saved'),
        (error: unknown) => {
          expect(error).toBeInstanceOf(ApiError);
          return error instanceof ApiError ? [error.message, error.details?.[0]?.path] : [];
        },
      );
    expect(await refusal(serverCert.trim())).toEqual([
      'That certificate is a server’s, not a CA’s: paste the CA certificate that signed it.',
      'caPem',
    ]);
    expect(
      await refusal('-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----'),
    ).toEqual(['That is not a certificate ClaimDesk can read.', 'caPem']);
    expect(store.view().server).toBeNull();
  });
});
