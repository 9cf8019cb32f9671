import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, formatUsDate, isoDate } from '../../../shared/dates/iso-date';
import { addPayer, makeSupervisor } from '../../testing/builders';
import { holdSteps } from '../../core/step-hold';
import { call, callAsync } from '../../testing/call';
import { createTestCtx, type TestCtx } from '../../testing/test-db';
import { COLUMNS, sheet, sheetRow } from '../../testing/csv-sheet';

const ROWS = 50_000;
/** Every this-many rows one has a balance nobody can read. */
const BAD_EVERY = 1_000;

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
  makeSupervisor(ctx);
});
afterEach(() => ctx.close());

describe('a large spreadsheet', () => {
  it(`imports ${ROWS.toLocaleString('en-US')} rows in one go, balances equal to the ledger`, async () => {
    addPayer(ctx);
    const code = (ctx.db.prepare(`SELECT payer_code AS c FROM payers`).get() as { c: string }).c;
    let insurance = 0;
    let patient = 0;
    const rows = Array.from({ length: ROWS }, (_, i) => {
      const bad = i % BAD_EVERY === 999;
      const ins = (i * 7919) % 500_000;
      const pat = ((i * 104_729) % 90_000) + 1;
      if (!bad) {
        insurance += ins;
        patient += pat;
      }
      return sheetRow(`L${String(i).padStart(7, '0')}`, code, {
        'Last Name': `Family${i % 3_000}`,
        'First Name': `Given${i % 97}`,
        DOB: formatUsDate(addDays(isoDate('1940-01-01'), i % 25_000)),
        DOS: formatUsDate(addDays(isoDate('2025-01-01'), i % 400)),
        'Ins Balance': (ins / 100).toFixed(2),
        'Pt Balance': bad ? '12.3.4' : `$${(pat / 100).toFixed(2)}`,
      });
    });
    const text = sheet(rows);

    const preview = call(ctx, 'previewCsvImport', { fileName: 'big.csv', text, columns: COLUMNS });
    const rejected = ROWS / BAD_EVERY;
    expect(preview).toMatchObject({
      rowCount: ROWS,
      validCount: ROWS - rejected,
      invalidCount: rejected,
      skipCount: 0,
      insuranceTotal: insurance,
      patientTotal: patient,
    });

    // as the window imports it: the rows are counted while they go in (held twice on the way)
    const first = holdSteps(ctx.db, (p) => p.label === 'Rows done' && p.done === 10_000);
    const work = callAsync(ctx, 'importCsv', { fileName: 'big.csv', text, columns: COLUMNS });
    await first.reached;
    expect(call(ctx, 'workProgress', {})).toEqual({
      label: 'Rows done',
      done: 10_000,
      total: ROWS,
    });
    const second = holdSteps(ctx.db, (p) => p.label === 'Rows done' && p.done === 30_000);
    first.release();
    await second.reached;
    expect(call(ctx, 'workProgress', {})).toEqual({
      label: 'Rows done',
      done: 30_000,
      total: ROWS,
    });
    second.release();
    const report = await work;
    expect(call(ctx, 'workProgress', {})).toBeNull();
    expect(report).toMatchObject({
      status: 'partial',
      imported: ROWS - rejected,
      rejected,
      insuranceTotal: insurance,
      patientTotal: patient,
    });
    expect(report.rejectedCsv?.split('\r\n').filter(Boolean)).toHaveLength(rejected + 1);

    const totals = ctx.db
      .prepare(
        `SELECT count(*) AS accounts, sum(insurance_balance) AS ins, sum(patient_balance) AS pat,
           (SELECT sum(amount) FROM ledger_entries WHERE side = 'insurance') AS ledgerIns,
           (SELECT sum(amount) FROM ledger_entries WHERE side = 'patient') AS ledgerPat,
           (SELECT count(*) FROM follow_ups WHERE status = 'open') AS queued
         FROM accounts`,
      )
      .get();
    expect(totals).toEqual({
      accounts: ROWS - rejected,
      ins: insurance,
      pat: patient,
      ledgerIns: insurance,
      ledgerPat: patient,
      queued: ROWS - rejected,
    });
  });
});
