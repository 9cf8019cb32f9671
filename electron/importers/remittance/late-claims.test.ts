import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoDate } from '../../../shared/dates/iso-date';
import { call } from '../../testing/call';
import { ACME, claimFileText, testClaim } from '../../testing/claims';
import { remitClaim, remittanceFile } from '../../testing/remittance';
import { createTestCtx, staleQueueColumns, tableCounts, type TestCtx } from '../../testing/test-db';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

const PAID_ON = isoDate('2026-03-12');

/** Acme's remittance for claims it adjudicated before their claim file reached us. */
function earlyRemittance(claims: { pcn: string; charge: number; paid: number }[], payerId: string) {
  return remittanceFile(
    claims.map((c) =>
      remitClaim({
        patientControlNumber: c.pcn,
        charge: c.charge,
        paid: c.paid,
        adjustments: [{ group: 'CO', reason: '45', amount: c.charge - c.paid }],
      }),
    ),
    { trace: 'EFT-EARLY', payerId, date: PAID_ON },
  );
}

function importText(fileName: string, text: string) {
  return call(ctx, 'importFile', { fileName, text });
}

function claimRow(pcn: string) {
  return ctx.db
    .prepare(
      `SELECT c.id, c.status, c.account_id AS accountId,
         (SELECT ifnull(sum(amount), 0) FROM ledger_entries l
           WHERE l.claim_id = c.id AND l.side = 'insurance') AS insurance
       FROM claims c WHERE claim_number = ?`,
    )
    .get(pcn) as { id: number; status: string; accountId: number; insurance: number };
}

describe('a remittance that arrives before its claim file', () => {
  it('waits in the exceptions, is posted when the claim file brings claims that agree, and stays a duplicate', () => {
    const remittance = earlyRemittance(
      [
        { pcn: 'LATE-1', charge: 30_000, paid: 24_000 },
        { pcn: 'LATE-2', charge: 10_000, paid: 8_000 },
      ],
      ACME.payerId,
    );
    const first = importText('early.835', remittance);
    expect(first.remittances?.[0]?.exceptions).toBe(2);
    const waiting = call(ctx, 'listRemittanceExceptions', {});
    expect(waiting.map((e) => [e.patientControlNumber, e.claimOnFile])).toEqual([
      ['LATE-1', null],
      ['LATE-2', null],
    ]);

    const claims = importText(
      'claims.837',
      claimFileText([testClaim('LATE-1', [20_000, 10_000]), testClaim('LATE-2', [10_000])]),
    );
    expect(claims.claimFile?.added).toBe(2);
    expect(claims.warnings.map((w) => w.message)).toEqual([
      'Remittance EFT-EARLY from SAMPLE HEALTH PLAN for claim LATE-1, waiting in the exceptions, is now posted (paid $240.00).',
      'Remittance EFT-EARLY from SAMPLE HEALTH PLAN for claim LATE-2, waiting in the exceptions, is now posted (paid $80.00).',
    ]);
    for (const pcn of ['LATE-1', 'LATE-2']) {
      const c = claimRow(pcn);
      expect(c).toMatchObject({ status: 'paid', insurance: 0 });
      expect(staleQueueColumns(ctx, c.accountId)).toBe(0);
      const history = call(ctx, 'getAccount', { accountId: c.accountId }).activities;
      expect(history.map((a) => a.text).join('\n')).toMatch(
        /Remittance EFT-EARLY from SAMPLE HEALTH PLAN: paid/,
      );
    }
    expect(call(ctx, 'listRemittanceExceptions', {})).toEqual([]);
    expect(
      call(ctx, 'listRemittanceExceptions', { status: 'matched' }).map((e) => [
        e.claimNumber,
        e.note,
      ]),
    ).toEqual([
      ['LATE-1', 'Posted when its claim arrived in a claim file.'],
      ['LATE-2', 'Posted when its claim arrived in a claim file.'],
    ]);

    // the remittance itself is still refused as one imported before, and posts nothing
    const before = tableCounts(ctx);
    const again = importText('early-again.835', remittance);
    expect(again.remittances?.[0]?.duplicateOf).not.toBeNull();
    expect(again.remittances?.[0]?.claimsPosted).toBe(0);
    const after = tableCounts(ctx);
    expect({ ...after, import_files: 0 }).toEqual({ ...before, import_files: 0 });
    // and importing the claim file again posts nothing twice
    importText('claims-again.837', claimFileText([testClaim('LATE-1', [20_000, 10_000])], {}));
    expect(claimRow('LATE-1').insurance).toBe(0);
  });

  it('offers the claim to a person when payer or charge differ, and posts it when asked', () => {
    importText(
      'early.835',
      earlyRemittance(
        [
          { pcn: 'LATE-3', charge: 30_000, paid: 24_000 },
          { pcn: 'LATE-4', charge: 12_000, paid: 8_000 },
        ],
        'OTHER99',
      ),
    );
    const claims = importText(
      'claims.837',
      claimFileText([testClaim('LATE-3', [30_000]), testClaim('LATE-4', [10_000])]),
    );
    expect(claims.warnings.map((w) => w.message)).toEqual([
      'Remittance EFT-EARLY from SAMPLE HEALTH PLAN for claim LATE-3 waits on the exceptions list for a person to post it: the remittance is from SAMPLE HEALTH PLAN, the claim is billed to Acme Health Plan.',
      "Remittance EFT-EARLY from SAMPLE HEALTH PLAN for claim LATE-4 waits on the exceptions list for a person to post it: the remittance is from SAMPLE HEALTH PLAN, the claim is billed to Acme Health Plan; the remittance's charge is $120.00, the claim's $100.00.",
    ]);
    expect(claimRow('LATE-3')).toMatchObject({ status: 'billed', insurance: 30_000 });

    const open = call(ctx, 'listRemittanceExceptions', {});
    expect(open.map((e) => e.claimOnFile)).toEqual([
      {
        claimId: claimRow('LATE-3').id,
        claimNumber: 'LATE-3',
        differences: [
          'the remittance is from SAMPLE HEALTH PLAN, the claim is billed to Acme Health Plan',
        ],
      },
      {
        claimId: claimRow('LATE-4').id,
        claimNumber: 'LATE-4',
        differences: [
          'the remittance is from SAMPLE HEALTH PLAN, the claim is billed to Acme Health Plan',
          "the remittance's charge is $120.00, the claim's $100.00",
        ],
      },
    ]);

    const offered = open[0];
    if (!offered?.claimOnFile) throw new Error('nothing offered');
    call(ctx, 'resolveRemittanceException', {
      exceptionId: offered.id,
      action: 'match',
      claimId: offered.claimOnFile.claimId,
      note: null,
    });
    expect(claimRow('LATE-3')).toMatchObject({ status: 'paid', insurance: 0 });
    expect(call(ctx, 'listRemittanceExceptions', {}).map((e) => e.patientControlNumber)).toEqual([
      'LATE-4',
    ]);
  });
});
