import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';

describe('migration 8 (billing office hours)', () => {
  it('keeps the facility as it was, with no hours until someone sets them', () => {
    const file = oldVersionFile(
      7,
      `INSERT INTO facility (id, name, line1, city, state, zip, phone)
         VALUES (1, 'Harbor Point Hospital', '10 Quay Street', 'Portland', 'ME', '04101',
           '(207) 555-0100');`,
    );
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(
      db.prepare(`SELECT name, phone, billing_office_hours AS hours FROM facility`).all(),
    ).toEqual([{ name: 'Harbor Point Hospital', phone: '(207) 555-0100', hours: null }]);
    db.close();
  });
});
