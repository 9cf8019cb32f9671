import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';
import { all, oneOrThrow } from './query';

/**
 * A version-74 desk whose letterhead Sam saved on February 1st and Rita (id 2) on `lastSave`,
 * linked to an office on March 1st when `linked`.
 */
function versionSeventyFourFile(lastSave: string, linked: boolean): string {
  const save = (id: number, at: string, user: number) =>
    `(${id}, '${at}', ${user}, 'ws', 'saveFacility', 'write', '', '', '{}', 'p${id}', 'h${id}')`;
  return oldVersionFile(
    74,
    `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'sam', 'Sam Super', 'supervisor', 't'), (2, 'rita', 'Rita Super', 'supervisor', 't');
    INSERT INTO facility (id, name, line1, city, state, zip, remit_to)
      VALUES (1, 'Harbor Point Hospital', '10 Quay Street', 'Portland', 'ME', '04101', 'PO Box 1');
    INSERT INTO audit_log (id, at, user_id, workstation, method, access, accounts, documents,
        detail, prev_hash, hash)
      VALUES ${save(1, '2026-02-01T10:00:00.000Z', 1)}, ${save(2, lastSave, 2)};
    ${
      linked
        ? `INSERT INTO office_link (id, desktop_id, cursor, linked_at)
             VALUES (1, 'd1', '0', '2026-03-01T00:00:00.000Z');`
        : ''
    }
  `,
  );
}

const opened = (file: string) => {
  const db = openDatabase(file);
  expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
  const letterhead = oneOrThrow(
    db,
    `SELECT updated_at AS at, updated_by AS by FROM facility WHERE id = 1`,
  );
  const pending = all(db, `SELECT tbl, local_id AS id, op FROM outbox_pending`);
  db.close();
  return { letterhead, pending };
};

describe('migration 77: the letterhead keeps who saved it, and travels', () => {
  it('takes who saved it last from the audit trail, and notes a save since the link', () => {
    expect(opened(versionSeventyFourFile('2026-03-05T09:00:00.000Z', true))).toEqual({
      letterhead: { at: '2026-03-05T09:00:00.000Z', by: 2 },
      pending: [{ tbl: 'letterhead', id: 1, op: 'update' }],
    });
  });

  it('sends nothing saved before the link, nor on a standalone desk', () => {
    expect(opened(versionSeventyFourFile('2026-02-20T09:00:00.000Z', true))).toEqual({
      letterhead: { at: '2026-02-20T09:00:00.000Z', by: 2 },
      pending: [],
    });
    expect(opened(versionSeventyFourFile('2026-03-05T09:00:00.000Z', false))).toEqual({
      letterhead: { at: '2026-03-05T09:00:00.000Z', by: 2 },
      pending: [],
    });
  });
});
