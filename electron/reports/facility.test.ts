import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportCsv } from '../../shared/reports/format';
import { REPORT_IDS } from '../../shared/reports/model';
import { pdfText } from '../documents/test-pdf';
import { run } from '../db/query';
import { addAccount, addBilledClaim, addPayer } from '../testing/builders';
import { call, callAsync, expectRefused, expectRefusedAsync } from '../testing/call';
import { createTestCtx, type TestCtx } from '../testing/test-db';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

const facilityLine = (report: { filtersUsed: { label: string; value: string }[] }) =>
  report.filtersUsed.find((f) => f.label === 'Facility')?.value;

describe('the facility filter of the reports', () => {
  it('refuses a facility that does not exist, with a message that says so', async () => {
    for (const report of REPORT_IDS)
      expectRefused(
        ctx,
        'getReport',
        { report, filters: { facilityId: 9 } },
        /Facility 9 is not one of the facilities accounts are billed under/,
      );
    await expectRefusedAsync(
      ctx,
      'getReportPdf',
      { report: 'aging', filters: { facilityId: 9 } },
      /Facility 9 is not one/,
    );
    expectRefused(ctx, 'getReport', { report: 'aging', filters: { facilityId: 0 } }, /positive/);
  });

  it('is not said with one facility, says all of them with several, and names the one chosen', async () => {
    const payerId = addPayer(ctx);
    const main = addAccount(ctx, { payerId });
    addBilledClaim(ctx, main.accountId, payerId, [40_000]);
    expect(facilityLine(call(ctx, 'getReport', { report: 'aging' }))).toBeUndefined();

    run(ctx.db, `INSERT INTO facilities (id, name) VALUES (2, 'North Clinic')`);
    const north = addAccount(ctx, { payerId, facilityId: 2 });
    addBilledClaim(ctx, north.accountId, payerId, [15_000]);
    for (const report of REPORT_IDS)
      expect(facilityLine(call(ctx, 'getReport', { report }))).toBe('All facilities');

    const all = call(ctx, 'getReport', { report: 'aging' });
    const one = call(ctx, 'getReport', { report: 'aging', filters: { facilityId: 2 } });
    const receivable = (r: typeof all) =>
      r.figures.find((f) => f.label === 'Accounts receivable')?.value;
    expect(receivable(all)).toBe(55_000);
    expect(receivable(one)).toBe(15_000);
    expect(facilityLine(one)).toBe('North Clinic');
    expect(reportCsv(one)).toContain('Facility,North Clinic');

    const pdf = await callAsync(ctx, 'getReportPdf', {
      report: 'aging',
      filters: { facilityId: 2 },
    });
    expect(pdfText(Buffer.from(pdf.pdfBase64, 'base64'), 1)).toMatch(/Facility: North Clinic/);
  });
});
