import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoDate } from '../../../shared/dates/iso-date';
import { call, expectRefused } from '../../testing/call';
import { remitClaim, remittanceFile } from '../../testing/remittance';
import { createTestCtx, tableCounts, TEST_TODAY, type TestCtx } from '../../testing/test-db';
import { claimFileText, serviceLine, testClaim } from '../../testing/claims';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

describe('claim files that cannot be imported', () => {
  const good = () => claimFileText([testClaim('GOOD-1', [10_000, 2_500])]);

  it('rejects a cut-off file, garbage, and an 835 relabelled as an 837, posting nothing', () => {
    const remittance = remittanceFile([
      remitClaim({ patientControlNumber: 'X', charge: 100, paid: 100 }),
    ]);
    const cases: [string, string, RegExp][] = [
      [
        'cut.837',
        good().slice(0, Math.floor(good().length * 0.7)),
        /^The file ends inside transaction 0010; it may have been cut off\.$/,
      ],
      [
        'garbage.837',
        '\u0000\u0001binary\u00ff junk',
        /^The file has no ISA header: an X12 file begins with an ISA segment, and this one does not\. ClaimDesk imports X12 835 remittances, 277 claim status and 837 claim files\.$/,
      ],
      [
        'relabelled.837',
        remittance.replace('ST*835', 'ST*837'),
        /^This is not an 837 claim file: transaction 0001 is marked 837, but its functional group \(GS01\) is HP/,
      ],
      // cut before its first transaction: the functional group still says it is a claim file
      [
        'header-only.837',
        good().slice(0, good().indexOf('ST*')),
        /^The file ends inside functional group 10/,
      ],
    ];
    for (const [fileName, text, message] of cases) {
      const before = tableCounts(ctx);
      const report = call(ctx, 'importFile', { fileName, text });
      expect(report.status, fileName).toBe('rejected');
      expect(report.rejected[0]?.message, fileName).toMatch(message);
      expect(report.summary).toBe(`Rejected: ${report.rejected[0]?.message}`);
      expect({ ...tableCounts(ctx), import_files: 0 }).toEqual({ ...before, import_files: 0 });
    }
    const kinds = ctx.db.prepare(`SELECT kind FROM import_files ORDER BY id`).all();
    expect(kinds).toEqual([{ kind: '837' }, { kind: 'unknown' }, { kind: '837' }, { kind: '837' }]);
  });

  it('reads an 835 named like a claim file as the remittance it is, and says so', () => {
    const report = call(ctx, 'importFile', {
      fileName: 'claims-march.837',
      text: remittanceFile([
        remitClaim({ patientControlNumber: 'NOBODY', charge: 100, paid: 100 }),
      ]),
    });
    expect(report.kind).toBe('835');
    expect(report.warnings[0]?.message).toBe(
      'The file name says 837, but the file holds an 835 remittance; it was read as what it holds.',
    );
  });

  it('writes nothing at all when something fails halfway through a file', () => {
    ctx.db.exec(`CREATE TRIGGER fail_on_boom BEFORE INSERT ON claims WHEN NEW.claim_number = 'BOOM'
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expectRefused(
      ctx,
      'importFile',
      {
        fileName: 'boom.837',
        text: claimFileText([testClaim('FIRST', [1_000]), testClaim('BOOM', [2_000])]),
      },
      /^ClaimDesk could not complete that\. Nothing was saved\./,
    );
  });

  it('reads a claim dated after today as billed today', () => {
    const later = isoDate('2026-04-01');
    const report = call(ctx, 'importFile', {
      fileName: 'future.837',
      text: claimFileText(
        [
          testClaim('LATER-1', [1_000], {
            lines: [serviceLine(1, 1_000, { serviceDate: later })],
            statementFrom: later,
            statementTo: later,
          }),
        ],
        { today: later },
      ),
    });
    expect(report.status).toBe('posted');
    expect(
      ctx.db
        .prepare(
          `SELECT c.billed_date AS billed, l.posting_date AS posted FROM claims c
           JOIN ledger_entries l ON l.claim_id = c.id WHERE c.claim_number = 'LATER-1'`,
        )
        .get(),
    ).toEqual({ billed: TEST_TODAY, posted: TEST_TODAY });
  });
});
