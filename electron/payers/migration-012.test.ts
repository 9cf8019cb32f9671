import { describe, expect, it } from 'vitest';
import type { PayerId, UserId } from '../../shared/ids';
import { fixedClock, type Ctx } from '../core/context';
import { oldVersionFile } from '../db/old-version-file';
import { SCHEMA_VERSION } from '../db/migrations';
import { openDatabase, schemaVersion } from '../db/open';
import { call } from '../testing/call';
import { TEST_TODAY } from '../testing/test-db';

describe('migration 12 (payer appeal windows by level)', () => {
  it('keeps an older file’s payers, their first-level window and addresses, as not yet reviewed', () => {
    const file = oldVersionFile(
      11,
      `
      INSERT INTO users (id, username, display_name, role, created_at)
        VALUES (1, 'boss', 'Bea Boss', 'supervisor', 't');
      INSERT INTO payers (id, name, payer_code, financial_class, appeals_line1, appeals_city,
          appeals_state, appeals_zip, phone, timely_filing_days, appeal_window_days)
        VALUES (7, 'Acme Health', 'ACME1', 'commercial', 'PO Box 1', 'Lexington', 'KY', '40512',
          '800-555-0199', 90, 60),
          (8, 'From an 837', '12345', 'medicare', NULL, NULL, NULL, NULL, NULL, 365, 180);
    `,
    );
    const db = openDatabase(file);
    const ctx: Ctx = {
      db,
      clock: fixedClock(TEST_TODAY),
      userId: 1 as UserId,
      databasePath: file,
    };
    try {
      expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
      expect(call(ctx, 'getPayer', { payerId: 7 as PayerId })).toMatchObject({
        name: 'Acme Health',
        payerCode: 'ACME1',
        appealWindowDays: 60,
        secondAppealWindowDays: null,
        externalReviewWindowDays: null,
        timelyFilingDays: 90,
        appealsAddress: {
          line1: 'PO Box 1',
          line2: null,
          city: 'Lexington',
          state: 'KY',
          zip: '40512',
        },
        claimsAddress: null,
        phone: '800-555-0199',
        reviewed: false,
        updatedBy: null,
      });
      expect(call(ctx, 'listPayers', {}).rows.map((p) => [p.name, p.reviewed])).toEqual([
        ['Acme Health', false],
        ['From an 837', false],
      ]);
      // a window of none is refused by the table too, not only by the API
      expect(() =>
        db.prepare(`UPDATE payers SET second_appeal_window_days = 0 WHERE id = 7`).run(),
      ).toThrow(/CHECK constraint/);
    } finally {
      db.close();
    }
  });
});
