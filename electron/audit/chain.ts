import { createHash } from 'node:crypto';
import os from 'node:os';
import type { Db, ReadDb } from '../db/open';
import { one, prepare, run } from '../db/query';

/** The computer an entry was recorded on. */
export const WORKSTATION = os.hostname();

/** The hash the first entry of a trail is chained to. */
export const GENESIS = '0'.repeat(64);

/** One entry as it is written, before its place in the chain. */
export interface AuditEntry {
  at: string;
  userId: number;
  workstation: string;
  method: string;
  access: 'read' | 'write' | 'long';
  /** `,12,40,`: the ids with a comma either side, so one id is found with LIKE. */
  accounts: string;
  documents: string;
  detail: string;
  /** Set on an entry that waited in a file beside the database (every view), so it joins once. */
  uid: string | null;
}

export interface ChainedRow extends AuditEntry {
  id: number;
  prevHash: string;
  hash: string;
}

/** The columns of a chained row, in the names ChainedRow has. */
export const ROW_COLUMNS = `id, at, user_id AS userId, workstation, method, access, accounts,
  documents, detail, uid, prev_hash AS prevHash, hash`;

/**
 * SHA-256 of the previous hash and the entry in one fixed form. The id is part of it, so
 * an entry taken out of the middle breaks the chain even if the rest were re-hashed.
 */
export function entryHash(prevHash: string, id: number, e: AuditEntry): string {
  const canonical = JSON.stringify([
    id,
    e.at,
    e.userId,
    e.workstation,
    e.method,
    e.access,
    e.accounts,
    e.documents,
    e.detail,
    e.uid,
  ]);
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

export interface Head {
  id: number;
  hash: string;
}

export function lastEntry(db: ReadDb): Head | null {
  return one<Head>(db, `SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1`) ?? null;
}

/**
 * Appends entries at the end of the chain. The caller holds the write lock (a write
 * transaction), so nobody else can append between reading the last hash and writing.
 * An entry whose uid is already in the trail was moved in before and is skipped.
 */
export function appendEntries(db: Db, entries: readonly AuditEntry[]): Head | null {
  let head = lastEntry(db);
  const known = prepare<{ n: number }>(db, `SELECT 1 AS n FROM audit_log WHERE uid = ?`);
  for (const e of entries) {
    if (e.uid !== null && known.get(e.uid)) continue;
    const id = (head?.id ?? 0) + 1;
    const prevHash = head?.hash ?? GENESIS;
    const hash = entryHash(prevHash, id, e);
    run(
      db,
      `INSERT INTO audit_log (id, at, user_id, workstation, method, access, accounts, documents,
         detail, uid, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      id,
      e.at,
      e.userId,
      e.workstation,
      e.method,
      e.access,
      e.accounts,
      e.documents,
      e.detail,
      e.uid,
      prevHash,
      hash,
    );
    head = { id, hash };
  }
  return head;
}
