import { describe, expect, it } from 'vitest';
import type { UserId } from '../../shared/ids';
import { codeTable, explain } from '../codes/table';
import { fixedClock, type Ctx } from '../core/context';
import { call } from '../testing/call';
import { TEST_TODAY } from '../testing/test-db';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';

/** A version-11 file with its supervisor, from before code lists could be loaded. */
function versionElevenFile(): string {
  return oldVersionFile(
    11,
    `INSERT INTO users (id, username, display_name, role, created_at)
       VALUES (1, 'sue', 'Sue Supervisor', 'supervisor', 't');`,
  );
}

describe('migration 13 (published code lists and unknown codes seen)', () => {
  it('starts from the shipped codes, loads a list, and keeps each load as history', () => {
    const path = versionElevenFile();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    const ctx: Ctx = { db, clock: fixedClock(TEST_TODAY), userId: 1 as UserId, databasePath: path };
    expect(explain(codeTable(db), 'reason', '45').status).toBe('current');
    expect(explain(codeTable(db), 'reason', '9001').status).toBe('unknown');

    call(ctx, 'loadCodeList', {
      kind: 'reason',
      published: '2026-03-01',
      fileName: 'carc.csv',
      text: 'Code,Description\n9001,A code newer than the shipped table.\n',
    });
    expect(explain(codeTable(db), 'reason', '9001').status).toBe('current');
    expect(() => db.exec(`UPDATE code_list_loads SET published = '2027-01-01'`)).toThrow(
      /history and are not changed/,
    );
    expect(() => db.exec(`DELETE FROM code_list_loads`)).toThrow(/history and are not deleted/);
    db.close();
  });
});
