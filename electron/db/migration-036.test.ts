import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';
import { all, run } from './query';

const SHA = 'a'.repeat(64);

/** A version-34 file with a letter filed and sent, as documents were before removals. */
function versionThirtyFourFile(): string {
  return oldVersionFile(
    34,
    `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'rep', 'Rita Rep', 'representative', 't');
    INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Okafor', 'Maria', 't');
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
        financial_class, created_at) VALUES (1, 'A-1', 1, 1, '2026-01-05', 'self_pay', 't');
    INSERT INTO documents (id, kind, title, account_id, document_date, file_name, sha256, pages,
        bytes, created_at, created_by, sent_date, sent_by, sent_at)
      VALUES (1, 'letter', 'Final notice', 1, '2026-02-01', '2026/02/1-letter-abc.pdf', '${SHA}',
        1, 900, 't', 1, '2026-02-02', 1, 't2');
  `,
  );
}

describe('migration 36: scanned correspondence, files removed at de-identification', () => {
  it('keeps documents as they were; a removal is recorded once and changes nothing else', () => {
    const db = openDatabase(versionThirtyFourFile());
    try {
      expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
      expect(all(db, `SELECT id, sent_date AS sent, removed_at AS removed FROM documents`)).toEqual(
        [{ id: 1, sent: '2026-02-02', removed: null }],
      );
      expect(() => run(db, `UPDATE documents SET title = 'x' WHERE id = 1`)).toThrow(/append-only/);
      expect(() => run(db, `UPDATE documents SET removed_at = 't3' WHERE id = 1`)).toThrow(
        /append-only/,
      );
      expect(() =>
        run(db, `UPDATE documents SET removed_at = 't3', removed_by = 1, title = 'x' WHERE id = 1`),
      ).toThrow(/append-only/);
      run(db, `UPDATE documents SET removed_at = 't3', removed_by = 1 WHERE id = 1`);
      expect(() =>
        run(db, `UPDATE documents SET removed_at = 't4', removed_by = 1 WHERE id = 1`),
      ).toThrow(/append-only/);
      expect(() => run(db, `DELETE FROM documents WHERE id = 1`)).toThrow(/append-only/);

      const insert = (id: number) =>
        run(
          db,
          `INSERT INTO correspondence (id, account_id, type, original_name, media, received_date,
             folder, file_name, sha256, bytes, created_at, created_by)
           VALUES (?, 1, 'payer', 'Okafor EOB.pdf', 'pdf', '2026-03-01', 'x-documents', ?, ?, 10, 't', 1)`,
          id,
          `2026/03/${id}-correspondence-abc.pdf`,
          SHA,
        );
      insert(1);
      // the same bytes on the same account are one document
      expect(() => insert(2)).toThrow(/UNIQUE/);
      expect(() => run(db, `UPDATE correspondence SET type = 'legal' WHERE id = 1`)).toThrow(
        /append-only/,
      );
      run(
        db,
        `UPDATE correspondence SET removed_at = 't5', removed_by = 1, original_name = '[removed]'
           WHERE id = 1`,
      );
      expect(() => run(db, `UPDATE correspondence SET original_name = 'x' WHERE id = 1`)).toThrow(
        /append-only/,
      );
      expect(() => run(db, `DELETE FROM correspondence WHERE id = 1`)).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });
});
