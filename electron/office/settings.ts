import { X509Certificate } from 'node:crypto';
import type { z } from 'zod';
import type { officeServerInput, OfficeServerSettings } from '../../shared/api/office';
import { invalid } from '../../shared/api/errors';
import type { OsProtection } from '../db/key-store';
import { verifiedTls, type ServerConfig } from './server/connection';

/** What is kept of the office server on this workstation, beside the window's place. */
export interface StoredOfficeServer {
  server: OfficeServerSettings;
  /** The password wrapped by the operating system for this user, base64. */
  wrappedPassword: string;
}

/** Where it is kept: the main process's preferences (electron-store), never the database. */
export interface OfficeServerStorage {
  get(): StoredOfficeServer | undefined;
  set(value: StoredOfficeServer | undefined): void;
}

export type OfficeServerInput = z.output<typeof officeServerInput>;

/** A pasted CA certificate node can read; refused in words when it cannot. */
function checkedCa(pem: string | null): string | null {
  if (pem === null) return null;
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    throw invalid('That is not a certificate ClaimDesk can read.', 'caPem');
  }
  if (!certificate.ca) {
    throw invalid(
      'That certificate is a server’s, not a CA’s: paste the CA certificate that signed it.',
      'caPem',
    );
  }
  return pem;
}

/**
 * The office server's settings: the address and CA in the preferences, the password
 * wrapped by the operating system as the database key is (safeStorage). The password is
 * unwrapped only to connect; it is never in the database, a log, or an answer to the
 * window, which learns only whether one is set.
 */
export class OfficeServerSettingsStore {
  constructor(
    private readonly storage: OfficeServerStorage,
    /** The OS key store, asked for only when a password is wrapped or unwrapped. */
    private readonly protection: () => Promise<OsProtection>,
  ) {}

  view(): { server: OfficeServerSettings | null; passwordSet: boolean } {
    const stored = this.storage.get();
    return { server: stored?.server ?? null, passwordSet: stored !== undefined };
  }

  /** The saved settings to connect with; null when there are none. */
  async config(): Promise<ServerConfig | null> {
    const stored = this.storage.get();
    if (!stored) return null;
    const os = await this.protection();
    const { secret, stale } = await os.unwrap(Buffer.from(stored.wrappedPassword, 'base64'));
    if (stale) {
      // the OS rotated its own key: wrapped again under the new one
      this.storage.set({ ...stored, wrappedPassword: (await os.wrap(secret)).toString('base64') });
    }
    return configOf(stored.server, secret);
  }

  /** Settings a supervisor typed, with the saved password when they left it empty. */
  async configFor(input: OfficeServerInput): Promise<ServerConfig> {
    const server = settingsOf(input);
    if (input.password !== null) return configOf(server, input.password);
    const saved = await this.config();
    if (!saved) throw invalid('Enter the password.', 'password');
    return configOf(server, saved.password);
  }

  async save(input: OfficeServerInput): Promise<void> {
    const config = await this.configFor(input);
    const os = await this.protection();
    this.storage.set({
      server: settingsOf(input),
      wrappedPassword: (await os.wrap(config.password)).toString('base64'),
    });
  }

  clear(): void {
    this.storage.set(undefined);
  }
}

function settingsOf(input: OfficeServerInput): OfficeServerSettings {
  const { host, port, database, user } = input;
  return { host, port, database, user, caPem: checkedCa(input.caPem) };
}

function configOf(server: OfficeServerSettings, password: string): ServerConfig {
  const { host, port, database, user, caPem } = server;
  return { host, port, database, user, password, ssl: verifiedTls(caPem ?? undefined) };
}
