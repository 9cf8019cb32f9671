import type pg from 'pg';
import type { Change } from '../wire';

/**
 * The office's files of filed documents, one per content hash. The server checks the hash
 * against the bytes (server migration 8), so a file stored under a hash is that file.
 */

/** Whether the office already holds the file with this hash. */
export async function hasDocumentFile(pool: pg.Pool, sha256: string): Promise<boolean> {
  const { rows } = await pool.query(`SELECT 1 FROM document_files WHERE sha256 = $1`, [sha256]);
  return rows.length > 0;
}

/** Stores a file once: the same bytes sent again (by this desktop or another) change nothing. */
export async function putDocumentFile(pool: pg.Pool, sha256: string, bytes: Buffer): Promise<void> {
  await pool.query(
    `INSERT INTO document_files (sha256, bytes, size) VALUES ($1, $2, $3)
       ON CONFLICT (sha256) DO NOTHING`,
    [sha256, bytes, bytes.length],
  );
}

/**
 * The bytes the office holds under a hash, as they are (the desktop checks them); undefined
 * when it has none, or dropped them with the person the file named (server migration 17).
 */
export async function getDocumentFileBytes(
  pool: pg.Pool,
  sha256: string,
): Promise<Buffer | undefined> {
  const { rows } = await pool.query<{ bytes: Buffer | null }>(
    `SELECT bytes FROM document_files WHERE sha256 = $1`,
    [sha256],
  );
  return rows[0]?.bytes ?? undefined;
}

/** Whether the office dropped this file's bytes when it de-identified the person it named. */
export async function documentFileRemoved(pool: pg.Pool, sha256: string): Promise<boolean> {
  const { rows } = await pool.query(
    `SELECT 1 FROM document_files WHERE sha256 = $1 AND removed_at IS NOT NULL`,
    [sha256],
  );
  return rows.length > 0;
}

/**
 * An appeal letter as the office keeps it: naming its denial only when the office has that
 * denial, or it is a first-copy one (`base:`, on every copy, on the server once it changes).
 * A desk sends no link to a denial of its own (outbox.ts), but a letter may reach the office
 * ahead of a denial that is then refused (an older version's, sent at the upgrade in a later
 * entry of the letter's request, or one sent again behind it, tracked by another desk's
 * follow-up): kept, that link would name a denial no desk will ever get, and the letter
 * would wait for it at every other desk. It goes naming none instead, as one on a denial
 * kept as its desk's own does: the letter is never refused for its link, and no link is
 * kept that no desk can follow.
 */
export async function withKnownDenial(client: pg.ClientBase, c: Change): Promise<Change> {
  if (c.tbl !== 'documents' || !c.row.denialGid || c.row.denialGid.startsWith('base:')) return c;
  const { rows } = await client.query(`SELECT 1 FROM denials WHERE gid = $1`, [c.row.denialGid]);
  return rows.length > 0 ? c : { ...c, row: { ...c.row, denialGid: null } };
}

/**
 * A document's sending, once office-wide (server migration 27): a second desk's mark of the
 * same letter changes nothing and is not logged, the office keeping the first, since both
 * say it went out. Returns whether this one was kept.
 */
export async function insertDocumentSending(
  client: pg.ClientBase,
  desktopId: string,
  c: Extract<Change, { tbl: 'document_sendings' }>,
): Promise<boolean> {
  if (!c.gid.startsWith(`${desktopId}:`)) {
    throw new Error(`Desktop ${desktopId} sent a new row named ${c.gid}`);
  }
  const { rowCount } = await client.query(
    `INSERT INTO document_sendings (gid, document_gid, sent_date, sent_at, sent_by, desktop_id)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (document_gid) DO NOTHING`,
    [c.gid, c.row.documentGid, c.row.sentDate, c.row.sentAt, c.row.sentBy, desktopId],
  );
  return rowCount === 1;
}
