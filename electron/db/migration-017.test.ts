import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';

describe('migration 17 (dunning stages, statement holds, remit-to)', () => {
  it('keeps the facility as it was, with the new contacts empty and no stage or hold yet', () => {
    const file = oldVersionFile(
      11,
      `INSERT INTO facility (id, name, line1, city, state, zip, phone, web, billing_office_hours)
         VALUES (1, 'Harbor Point Hospital', '10 Quay Street', 'Portland', 'ME', '04101',
           '(207) 555-0100', 'www.harborpoint.example', 'weekdays 8 to 5');`,
    );
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(
      db
        .prepare(
          `SELECT name, phone, billing_office_hours AS hours, remit_to AS remitTo,
             payment_url AS paymentUrl, language_taglines AS taglines FROM facility`,
        )
        .get(),
    ).toEqual({
      name: 'Harbor Point Hospital',
      phone: '(207) 555-0100',
      hours: 'weekdays 8 to 5',
      remitTo: null,
      paymentUrl: null,
      taglines: null,
    });
    for (const table of [
      'dunning_stages',
      'collection_holds',
      'statement_hold_releases',
      'statement_run_skips',
    ]) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
    // the hold lookup a run makes for each account uses its index
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT kind FROM collection_holds
           WHERE account_id = 1 AND closed_at IS NULL`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('collection_holds_open');
    db.close();
  });
});
