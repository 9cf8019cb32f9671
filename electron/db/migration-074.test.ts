import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { ACCOUNT_A100, oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';
import { all } from './query';

const CLAIMS = `${ACCOUNT_A100}
    INSERT INTO claims (id, claim_number, account_id, payer_id, status, total_charge, created_at)
      VALUES (1, 'C1', 1, 1, 'billed', 100, 't'), (2, 'C2', 1, 1, 'billed', 100, 't'),
             (3, 'C3', 1, 1, 'billed', 100, 't'), (4, 'C4', 1, 1, 'billed', 100, 't'),
             (5, 'C5', 1, 1, 'billed', 100, 't'), (6, 'C6', 1, 1, 'billed', 100, 't');
    INSERT INTO claim_lines (id, claim_id, line_number, service_date, charge)
      VALUES (1, 1, 1, '2026-01-02', 100), (2, 2, 1, '2026-01-02', 100),
             (3, 3, 1, '2026-01-02', 100), (4, 4, 1, '2026-01-02', 100);
`;

/**
 * A version-73 file at a desk of an office: its own claim (1), one pulled from another desk
 * (2), a first-copy claim changed at the office (3) and one nobody changed (4, and 5 noted at
 * version 1), and a claim the office refused that stays the desk's own (6).
 */
const LINKED = `
    INSERT INTO office_link (id, desktop_id, capture, cursor, linked_at)
      VALUES (1, 'd1', 1, '0', 't');
    INSERT INTO sync_rows (tbl, local_id, gid, version)
      VALUES ('claims', 1, 'd1:1', 2), ('claim_lines', 1, 'd1:1', 1),
             ('claims', 2, 'd2:7', 3), ('claim_lines', 2, 'd2:8', 1),
             ('claims', 3, 'base:3', 2), ('claim_lines', 3, 'base:3', 2),
             ('claims', 5, 'base:5', 1), ('claims', 6, 'own:6', 1);
`;

const noted = (file: string) => {
  const db = openDatabase(file);
  try {
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    return all(db, `SELECT tbl, local_id AS id FROM office_providers_unknown ORDER BY tbl, id`);
  } finally {
    db.close();
  }
};

describe('migration 74: the providers a linked copy cannot vouch for', () => {
  it('notes the claims and lines from another desk, and the first copy’s changed since', () => {
    expect(noted(oldVersionFile(73, CLAIMS + LINKED))).toEqual([
      { tbl: 'claim_lines', id: 2 },
      { tbl: 'claim_lines', id: 3 },
      { tbl: 'claims', id: 2 },
      { tbl: 'claims', id: 3 },
    ]);
  });

  it('notes nothing on a standalone copy', () => {
    expect(noted(oldVersionFile(73, CLAIMS))).toEqual([]);
  });
});
