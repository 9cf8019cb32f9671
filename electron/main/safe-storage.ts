import { safeStorage } from 'electron';
import type { OsProtection } from '../db/key-store';

export class OsKeyStoreUnavailable extends Error {
  constructor(detail: string) {
    super(
      `The operating system's key store is not available (${detail}), so ClaimDesk cannot keep ` +
        'the database key safely on this workstation.',
    );
    this.name = 'OsKeyStoreUnavailable';
  }
}

/**
 * The database key wrapped by the operating system through Electron's asynchronous
 * safeStorage (DPAPI on Windows, the Keychain on macOS, the Secret Service or KWallet on
 * Linux). On Linux without either, Electron falls back to `basic_text`, a key written in
 * Chromium's code that anyone can unwrap with: that is refused, never used.
 */
export async function safeStorageProtection(): Promise<OsProtection> {
  if (process.platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') {
      throw new OsKeyStoreUnavailable(`Linux backend ${backend}; install a Secret Service`);
    }
  }
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    throw new OsKeyStoreUnavailable('safeStorage says encryption is not available');
  }
  return {
    wrap: (secret) => safeStorage.encryptStringAsync(secret),
    unwrap: async (wrapped) => {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(wrapped);
      return { secret: result, stale: shouldReEncrypt };
    },
  };
}
