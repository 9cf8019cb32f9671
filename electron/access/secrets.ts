import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { SecretKind } from '../../shared/api/access';
import type { UserId } from '../../shared/ids';
import type { Db, ReadDb } from '../db/open';
import { one, run } from '../db/query';

/**
 * A ClaimDesk PIN or password, kept only as its scrypt hash. The salt and the cost are
 * stored beside the hash, so raising the cost later does not lock out anyone who set
 * theirs before.
 */
export interface StoredSecret {
  kind: SecretKind;
  hash: Buffer;
  salt: Buffer;
  cost: number;
  blockSize: number;
  parallel: number;
}

// scrypt's N = 2^15 with r = 8 needs 32 MiB, just over node's default limit
const PARAMETERS = { cost: 2 ** 15, blockSize: 8, parallel: 1 } as const;
const MAX_MEMORY = 64 * 1024 * 1024;
const KEY_BYTES = 32;

function derive(secret: string, salt: Buffer, p: Omit<StoredSecret, 'kind' | 'hash' | 'salt'>) {
  // the same characters typed on another keyboard layout may arrive composed differently
  return scryptSync(secret.normalize('NFC'), salt, KEY_BYTES, {
    N: p.cost,
    r: p.blockSize,
    p: p.parallel,
    maxmem: MAX_MEMORY,
  });
}

export function hashSecret(kind: SecretKind, secret: string): StoredSecret {
  const salt = randomBytes(16);
  return { kind, salt, ...PARAMETERS, hash: derive(secret, salt, PARAMETERS) };
}

/** Compares in constant time, so how long a wrong guess takes says nothing about it. */
export function secretMatches(secret: string, stored: StoredSecret): boolean {
  const derived = derive(secret, stored.salt, stored);
  return derived.length === stored.hash.length && timingSafeEqual(derived, stored.hash);
}

export function storedSecret(db: ReadDb, userId: UserId): StoredSecret | undefined {
  return one<StoredSecret>(
    db,
    `SELECT kind, hash, salt, cost, block_size AS blockSize, parallel
       FROM user_secrets WHERE user_id = ?`,
    userId,
  );
}

export function writeSecret(
  db: Db,
  userId: UserId,
  secret: StoredSecret,
  by: { userId: UserId; now: string },
): void {
  run(
    db,
    `INSERT INTO user_secrets (user_id, kind, hash, salt, cost, block_size, parallel, set_at, set_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET kind = excluded.kind, hash = excluded.hash,
       salt = excluded.salt, cost = excluded.cost, block_size = excluded.block_size,
       parallel = excluded.parallel, set_at = excluded.set_at, set_by = excluded.set_by`,
    userId,
    secret.kind,
    secret.hash,
    secret.salt,
    secret.cost,
    secret.blockSize,
    secret.parallel,
    by.now,
    by.userId,
  );
}

export function clearSecret(db: Db, userId: UserId): boolean {
  return run(db, `DELETE FROM user_secrets WHERE user_id = ?`, userId).changes > 0;
}
