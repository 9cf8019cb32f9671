import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import type { Claim, ServiceLine } from '../importers/x12/remittance-types';
import { addAccount, addBilledClaim, addPayer } from '../testing/builders';
import { call, callAsync, expectRefusedAsync } from '../testing/call';
import { remitClaim, remittanceFile } from '../testing/remittance';
import { createTestCtx, staleQueueColumns, TEST_TODAY, type TestCtx } from '../testing/test-db';
import { isDenyingAdjustment } from '../../shared/codes/reason-rules';
import { denialCodes } from './denying';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

const DENIED_ON = isoDate('2026-03-02');
const PAID_ON = isoDate('2026-03-12');

/**
 * A $300.00 claim denied for medical necessity, by default all of it; the codes test puts
 * the contractual allowance beside the denying code.
 */
function deniedClaim(
  adjustments = [{ group: 'CO', reason: '50', amount: 30_000 }],
  remarks = ['N115'],
) {
  const payerId = addPayer(ctx);
  const { accountId } = addAccount(ctx, { payerId });
  const { claimId } = addBilledClaim(ctx, accountId, payerId, [30_000]);
  const number = (
    ctx.db.prepare(`SELECT claim_number AS n FROM claims WHERE id = ?`).get(claimId) as {
      n: string;
    }
  ).n;
  call(ctx, 'importFile', {
    fileName: 'denial.835',
    text: remittanceFile(
      [
        remitClaim({
          patientControlNumber: number,
          charge: 30_000,
          paid: 0,
          status: '4',
          adjustments,
          remarks,
        }),
      ],
      { trace: 'EFT-DENY', date: DENIED_ON },
    ),
  });
  const denial = call(ctx, 'listDenials', {}).rows[0];
  if (!denial) throw new Error('no denial');
  return { accountId, claimId, number, denial };
}

/**
 * The payer pays the claim after all (an appeal won) with its contractual allowance; paying
 * less than the claim's $250.00 allowed amount reprocesses only part of the charge.
 */
function laterPayment(number: string, paid: number) {
  return call(ctx, 'importFile', {
    fileName: 'paid.835',
    text: remittanceFile(
      [
        remitClaim({
          patientControlNumber: number,
          charge: paid + 5_000,
          paid,
          status: '1',
          adjustments: [{ group: 'CO', reason: '45', amount: 5_000 }],
        }),
      ],
      { trace: 'EFT-PAID', date: PAID_ON },
    ),
  });
}

function denialRow(claimId: number) {
  return ctx.db
    .prepare(
      `SELECT d.state, d.resolution, f.status AS followUp FROM denials d
         JOIN follow_ups f ON f.id = d.follow_up_id WHERE d.claim_id = ?`,
    )
    .get(claimId) as { state: string; resolution: string | null; followUp: string };
}

describe('the codes a denial lists', () => {
  it('lists the denying code and its remark, not the contractual allowance on the same claim', () => {
    const { denial } = deniedClaim([
      { group: 'CO', reason: '45', amount: 5_000 },
      { group: 'CO', reason: '50', amount: 25_000 },
    ]);
    expect(denial.codes.map((c) => c.code)).toEqual(['CO-50', 'N115']);
    expect(denial.amount).toBe(25_000);
    expect(denial.category).toBe('medical_necessity');
    const followUp = ctx.db
      .prepare(`SELECT reason FROM follow_ups WHERE id = ?`)
      .get(denial.followUpId) as { reason: string };
    expect(followUp.reason).toContain('CO-50 N115');
    expect(followUp.reason).not.toContain('CO-45');
  });

  it('keeps a line remark with its denied line and drops one from a line paid as usual', () => {
    expect(isDenyingAdjustment('CO', '45')).toBe(false);
    expect(isDenyingAdjustment('PR', '1')).toBe(false);
    expect(isDenyingAdjustment('PR', '50')).toBe(false);
    expect(isDenyingAdjustment('CO', '97')).toBe(true);
    const codes = denialCodes(
      [
        { lineId: 1, a: { group: 'CO', reason: '45' } },
        { lineId: 2, a: { group: 'CO', reason: '97' } },
        { lineId: 3, a: { group: 'CO', reason: '97' } },
        { lineId: 1, a: { group: 'PR', reason: '2' } },
      ],
      [
        { lineId: 1, code: 'N381' },
        { lineId: 2, code: 'M15' },
        { lineId: null, code: 'MA01' },
      ],
    );
    expect(codes).toEqual({ reasons: [{ group: 'CO', reason: '97' }], remarks: ['M15', 'MA01'] });
  });
});

describe('a denial the payer later pays', () => {
  it('is resolved as paid, its follow-up closed and the remittance named in the history', () => {
    const { accountId, claimId, number, denial } = deniedClaim();
    expect(call(ctx, 'listQueue', { kind: 'denial' }).total).toBe(1);

    laterPayment(number, 25_000);

    expect(denialRow(claimId)).toEqual({ state: 'resolved', resolution: 'paid', followUp: 'done' });
    expect(call(ctx, 'listDenials', {}).total).toBe(0);
    expect(call(ctx, 'listDenials', { open: false }).rows[0]).toMatchObject({
      id: denial.id,
      state: 'resolved',
      resolution: 'paid',
    });
    expect(call(ctx, 'listQueue', { kind: 'denial' }).total).toBe(0);
    expect(staleQueueColumns(ctx, accountId)).toBe(0);
    const history = call(ctx, 'getAccount', { accountId }).activities.map((a) => a.text);
    expect(history).toContain(
      'Denial resolved (paid): SAMPLE HEALTH PLAN paid $250.00 on this claim, EFT EFT-PAID dated 03/12/2026. Denial follow-up closed.',
    );
  });

  it('is resolved as partly paid when the payer still owes part of the claim', () => {
    const { accountId, claimId, number } = deniedClaim();
    laterPayment(number, 20_000);
    expect(denialRow(claimId)).toEqual({
      state: 'resolved',
      resolution: 'partly_paid',
      followUp: 'done',
    });
    expect(call(ctx, 'listDenials', {}).total).toBe(0);
    expect(staleQueueColumns(ctx, accountId)).toBe(0);
    const history = call(ctx, 'getAccount', { accountId }).activities.map((a) => a.text);
    expect(history).toContain(
      'Denial resolved (partly paid): SAMPLE HEALTH PLAN paid $200.00 on this claim, EFT EFT-PAID dated 03/12/2026. The payer still owes $50.00 on the claim. Denial follow-up closed.',
    );
  });

  it('stays open when the later remittance denies the claim again', () => {
    const { claimId, number } = deniedClaim();
    call(ctx, 'importFile', {
      fileName: 'again.835',
      text: remittanceFile(
        [
          remitClaim({
            patientControlNumber: number,
            charge: 30_000,
            paid: 0,
            status: '4',
            adjustments: [{ group: 'CO', reason: '50', amount: 25_000 }],
          }),
        ],
        { trace: 'EFT-AGAIN', date: PAID_ON },
      ),
    });
    expect(denialRow(claimId)).toMatchObject({ state: 'new', resolution: null, followUp: 'open' });
  });

  it('makes an appeal draft say the claim was paid, and refuses the letter for a paid claim', async () => {
    const { number, denial } = deniedClaim();
    const before = await callAsync(ctx, 'draftAppeal', { denialId: denial.id });
    expect(before.warnings.join(' ')).not.toMatch(/since been/);

    laterPayment(number, 25_000);

    const draft = await callAsync(ctx, 'draftAppeal', { denialId: denial.id });
    expect(draft.warnings).toContain(
      'The claim has since been paid: SAMPLE HEALTH PLAN paid $250.00 on this claim by EFT EFT-PAID dated 03/12/2026; the payer owes nothing more on it. No appeal is needed; this letter cannot be generated.',
    );
    // moving the denial back to review does not make an appeal of a paid claim possible
    call(ctx, 'updateDenial', { denialId: denial.id, state: 'in_review' });
    await expectRefusedAsync(
      ctx,
      'generateAppeal',
      { denialId: denial.id, templateId: draft.templateId },
      /has since been paid: SAMPLE HEALTH PLAN paid \$250\.00 .* not generated for a paid claim/,
    );
  });

  it('lets a partly paid claim be appealed for the rest once a person reopens the denial', async () => {
    const { number, denial } = deniedClaim();
    laterPayment(number, 20_000);
    call(ctx, 'updateDenial', { denialId: denial.id, state: 'in_review' });
    const draft = await callAsync(ctx, 'draftAppeal', { denialId: denial.id });
    const warning =
      'The claim has since been partly paid: SAMPLE HEALTH PLAN paid $200.00 on this claim by EFT EFT-PAID dated 03/12/2026; the payer still owes $50.00 on it. Appeal only what is still unpaid.';
    expect(draft.warnings).toContain(warning);
    const view = await callAsync(ctx, 'generateAppeal', {
      denialId: denial.id,
      templateId: draft.templateId,
    });
    expect(view.warnings).toContain(warning);
  });
});

/** A service line as the payer adjudicated it. */
function remitLine(
  code: string,
  charge: number,
  paid: number,
  adjustments: { group: string; reason: string; amount: number }[],
  remarks: string[] = [],
): ServiceLine {
  return {
    procedure: { qualifier: 'HC', code, modifiers: [], description: null },
    chargeAmount: cents(charge),
    paidAmount: cents(paid),
    revenueCode: null,
    units: 1,
    originalProcedure: null,
    originalUnits: null,
    dates: [{ qualifier: '472', date: TEST_TODAY }],
    adjustments: adjustments.map((a) => ({ ...a, amount: cents(a.amount), quantity: null })),
    references: [],
    amounts: [],
    quantities: [],
    remarks: remarks.map((code) => ({ qualifier: 'HE', code })),
  };
}

function withLines(claim: Claim, lines: ServiceLine[]): Claim {
  return { ...claim, serviceLines: lines };
}

describe('a denied service line the payer later pays', () => {
  it('lists the line denial with its own remark, and resolves when the line is paid', () => {
    const payerId = addPayer(ctx);
    const { accountId } = addAccount(ctx, { payerId });
    const { claimId, lineIds } = addBilledClaim(ctx, accountId, payerId, [20_000, 10_000]);
    ctx.db.prepare(`UPDATE claim_lines SET procedure_code = '99285' WHERE id = ?`).run(lineIds[1]);
    const number = (
      ctx.db.prepare(`SELECT claim_number AS n FROM claims WHERE id = ?`).get(claimId) as {
        n: string;
      }
    ).n;
    const base = remitClaim({ patientControlNumber: number, charge: 30_000, paid: 16_000 });
    call(ctx, 'importFile', {
      fileName: 'lines.835',
      text: remittanceFile(
        [
          withLines(base, [
            remitLine(
              '99284',
              20_000,
              16_000,
              [{ group: 'CO', reason: '45', amount: 4_000 }],
              ['N381'],
            ),
            remitLine('99285', 10_000, 0, [{ group: 'CO', reason: '97', amount: 10_000 }], ['M15']),
          ]),
        ],
        { trace: 'EFT-LINES', date: DENIED_ON },
      ),
    });
    const denial = call(ctx, 'listDenials', {}).rows[0];
    expect(denial?.codes.map((c) => c.code)).toEqual(['CO-97', 'M15']);
    expect(denial?.amount).toBe(10_000);
    expect(denial?.category).toBe('coding_bundling');

    // the corrected line is paid on its own
    call(ctx, 'importFile', {
      fileName: 'line-paid.835',
      text: remittanceFile(
        [
          withLines(remitClaim({ patientControlNumber: number, charge: 10_000, paid: 10_000 }), [
            remitLine('99285', 10_000, 10_000, []),
          ]),
        ],
        { trace: 'EFT-LINE-PAID', date: PAID_ON },
      ),
    });
    expect(denialRow(claimId)).toEqual({ state: 'resolved', resolution: 'paid', followUp: 'done' });
    const paidOnLine = ctx.db
      .prepare(
        `SELECT claim_line_id AS lineId, amount FROM ledger_entries
           WHERE claim_id = ? AND kind = 'payment' ORDER BY id DESC LIMIT 1`,
      )
      .get(claimId);
    expect(paidOnLine).toEqual({ lineId: lineIds[1], amount: -10_000 });
    expect(call(ctx, 'listDenials', {}).total).toBe(0);
    expect(staleQueueColumns(ctx, accountId)).toBe(0);
  });
});
