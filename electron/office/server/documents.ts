import type pg from 'pg';

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

/** The bytes the office holds under a hash, as they are (the desktop checks them). */
export async function getDocumentFileBytes(
  pool: pg.Pool,
  sha256: string,
): Promise<Buffer | undefined> {
  const { rows } = await pool.query<{ bytes: Buffer }>(
    `SELECT bytes FROM document_files WHERE sha256 = $1`,
    [sha256],
  );
  return rows[0]?.bytes;
}
