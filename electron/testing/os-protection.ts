import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { OsProtection } from '../db/key-store';

/**
 * Stands in for Electron's safeStorage, which cannot run in the tests: a secret wrapped
 * under a key that lives only in this object, so a copy kept on disk holds no secret, and
 * `lose()` plays a reinstalled operating system whose key store no longer unwraps it.
 */
export function testProtection(): OsProtection & { lose(): void; rotate(): void } {
  let key = randomBytes(32);
  let stale = false;
  return {
    wrap(secret) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return Promise.resolve(Buffer.concat([iv, cipher.getAuthTag(), data]));
    },
    unwrap(wrapped) {
      const decipher = createDecipheriv('aes-256-gcm', key, wrapped.subarray(0, 12));
      decipher.setAuthTag(wrapped.subarray(12, 28));
      const secret = Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
      return Promise.resolve({ secret: secret.toString('utf8'), stale });
    },
    lose() {
      key = randomBytes(32);
    },
    rotate() {
      stale = true;
    },
  };
}
