import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DenialCategory } from '../../shared/codes/denials';
import { isoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import { renderLetter } from '../documents/letter-layout';
import { loadShippedTemplates } from '../documents/template-load';
import { pdfBodyText, pdfText } from '../documents/test-pdf';
import type { Adjustment, ServiceLine } from '../importers/x12/remittance-types';
import { one, run } from '../db/query';
import { addAccount, addBilledClaim, addPayer } from '../testing/builders';
import { call } from '../testing/call';
import { remitClaim, remittanceFile } from '../testing/remittance';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { appealLetterData, chooseAppealTemplate } from './appeal-data';

let ctx: TestCtx;
beforeAll(() => {
  ctx = createTestCtx();
});
afterAll(() => ctx.close());

const flat = (text: string) => text.replace(/\s+/g, ' ');
let trace = 0;

type Adj = [group: string, reason: string, amount: number];

interface RemitLine {
  code: string;
  charge: number;
  paid: number;
  adjustments: Adj[];
}

const adj = ([group, reason, amount]: Adj): Adjustment => ({
  group,
  reason,
  amount: cents(amount),
  quantity: null,
});

function serviceLine(l: RemitLine): ServiceLine {
  return {
    procedure: { qualifier: 'HC', code: l.code, modifiers: [], description: null },
    chargeAmount: cents(l.charge),
    paidAmount: cents(l.paid),
    revenueCode: null,
    units: 1,
    originalProcedure: null,
    originalUnits: null,
    dates: [],
    adjustments: l.adjustments.map(adj),
    references: [],
    amounts: [],
    quantities: [],
    remarks: [],
  };
}

/**
 * A billed claim with one of our lines per remittance line, remitted either with its
 * service lines or, byLine false, at claim level only (the lines' codes then sit on the claim).
 */
function remitted(lines: readonly RemitLine[], byLine: boolean, status = '1') {
  const payerId = addPayer(ctx);
  const { accountId } = addAccount(ctx, { payerId });
  const { claimId, lineIds } = addBilledClaim(
    ctx,
    accountId,
    payerId,
    lines.map((l) => l.charge),
  );
  lines.forEach((l, i) =>
    run(ctx.db, `UPDATE claim_lines SET procedure_code = ? WHERE id = ?`, l.code, lineIds[i]),
  );
  const number = one<{ n: string }>(
    ctx.db,
    `SELECT claim_number AS n FROM claims WHERE id = ?`,
    claimId,
  )?.n;
  if (!number) throw new Error('no claim');
  const paid = lines.reduce((s, l) => s + l.paid, 0);
  const claim = remitClaim({
    patientControlNumber: number,
    charge: lines.reduce((s, l) => s + l.charge, 0),
    paid,
    status,
    adjustments: byLine
      ? []
      : lines
          .flatMap((l) => l.adjustments)
          .map(([group, reason, amount]) => ({
            group,
            reason,
            amount,
          })),
  });
  trace += 1;
  call(ctx, 'importFile', {
    fileName: `remit-${trace}.835`,
    text: remittanceFile([{ ...claim, serviceLines: byLine ? lines.map(serviceLine) : [] }], {
      trace: `EFT-LF-${trace}`,
      date: isoDate('2026-03-02'),
    }),
  });
  const denial = one<{ amount: number; category: DenialCategory }>(
    ctx.db,
    `SELECT amount, category FROM denials WHERE claim_id = ?`,
    claimId,
  );
  return { claimId, denial };
}

async function letterText(claimId: number, category: DenialCategory): Promise<string> {
  const data = appealLetterData(ctx.db, claimId, ctx.userId);
  if (!data) throw new Error('no letter data');
  const template = chooseAppealTemplate(await loadShippedTemplates(), category, 1, false);
  if (!template) throw new Error('no template');
  const pdf = (await renderLetter(template, data, { date: isoDate('2026-03-10') })).pdf;
  return flat(pdfText(pdf)) + '\n' + flat(pdfBodyText(pdf));
}

describe('the service-line table of an appeal letter', () => {
  it('puts a claim-level payment on a claim-level row, not $0.00 on every line', async () => {
    const { claimId, denial } = remitted(
      [
        { code: '99284', charge: 10_000, paid: 8_000, adjustments: [['CO', '45', 2_000]] },
        { code: '71045', charge: 12_000, paid: 10_500, adjustments: [['PR', '2', 1_500]] },
        { code: '80053', charge: 8_000, paid: 4_500, adjustments: [['CO', '50', 3_500]] },
      ],
      false,
    );
    expect(denial?.amount).toBe(3_500);
    const text = await letterText(claimId, 'medical_necessity');
    expect(text).toContain('denied $35.00 as not medically necessary');
    expect(text).toContain('Claim level $230.00 $20.00 $15.00 $35.00');
    expect(text).toContain('Total $300.00 $230.00 $20.00 $15.00 $35.00');
    expect(text).toContain('1 $100.00 — — — —');
    expect(text).not.toContain('$0.00');
  });

  it('shows each line what the payer paid, adjusted and denied on it', async () => {
    const { claimId, denial } = remitted(
      [
        { code: '99284', charge: 10_000, paid: 8_000, adjustments: [['CO', '45', 2_000]] },
        {
          code: '71045',
          charge: 12_000,
          paid: 9_000,
          adjustments: [
            ['CO', '45', 2_000],
            ['PR', '1', 1_000],
          ],
        },
        { code: '80053', charge: 8_000, paid: 0, adjustments: [['CO', '50', 8_000]] },
      ],
      true,
    );
    expect(denial?.amount).toBe(8_000);
    const text = await letterText(claimId, 'medical_necessity');
    expect(text).toContain('denied $80.00 as not medically necessary');
    expect(text).toContain('1 $100.00 $80.00 $20.00 $0.00 $0.00');
    expect(text).toContain('1 $120.00 $90.00 $20.00 $10.00 $0.00');
    expect(text).toContain('1 $80.00 $0.00 $0.00 $0.00 $80.00');
    expect(text).toContain('Total $300.00 $170.00 $40.00 $10.00 $80.00');
    expect(text).not.toContain('Claim level');
  });

  it('appeals only the lines a bundling code denied, for the amount denied on them', async () => {
    const paidLine = (code: string): RemitLine => ({
      code,
      charge: 10_000,
      paid: 7_000,
      adjustments: [['CO', '45', 3_000]],
    });
    const bundled = (code: string, charge: number): RemitLine => ({
      code,
      charge,
      paid: 0,
      adjustments: [['CO', '97', charge]],
    });
    const { claimId, denial } = remitted(
      [
        paidLine('99284'),
        paidLine('71045'),
        paidLine('80053'),
        paidLine('85025'),
        bundled('93005', 4_150),
        bundled('36415', 1_275),
      ],
      true,
    );
    expect(denial).toMatchObject({ amount: 5_425, category: 'coding_bundling' });
    const text = await letterText(claimId, 'coding_bundling');
    expect(text).toContain('appeals the denial of procedure codes 93005, 36415 on claim');
    expect(text).toContain('denied $54.25 as included in');
    expect(text).toContain('Total $454.25 $280.00 $120.00 $0.00 $54.25');
    expect(text).not.toContain('$54.25 denied $');
    expect(text).not.toMatch(/procedure codes [^.]*99284/);
  });
});

const denyingCode = fc.constantFrom('50', '97', '96', '204', '16');
const lineArb = fc.record({
  paid: fc.integer({ min: 0, max: 50_000 }),
  contractual: fc.integer({ min: 0, max: 20_000 }),
  patient: fc.integer({ min: 0, max: 5_000 }),
  denied: fc.integer({ min: 0, max: 30_000 }),
  code: denyingCode,
});

describe('the amount in dispute', () => {
  it('is the sum of the denied column and the denial record, for any remittance', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (drawn, byLine) => {
          const lines = drawn.map((l, i): RemitLine => ({
            code: `9${String(1000 + i)}`,
            charge: l.paid + l.contractual + l.patient + l.denied || 100,
            paid: l.paid,
            adjustments: [
              ['CO', '45', l.contractual] as Adj,
              ['PR', '2', l.patient] as Adj,
              ['CO', l.code, l.denied] as Adj,
            ].filter(([, , amount]) => amount > 0),
          }));
          const paid = lines.reduce((s, l) => s + l.paid, 0);
          const { claimId, denial } = remitted(lines, byLine, paid > 0 ? '1' : '4');
          const data = appealLetterData(ctx.db, claimId, ctx.userId);
          if (!data) throw new Error('no letter data');
          const column = [
            ...(data.serviceLines ?? []).map((l) => l.denied ?? 0),
            data.claimLevel?.denied ?? 0,
          ].reduce((s, d) => s + d, 0);
          const expected = drawn.reduce((s, l) => s + l.denied, 0);
          expect(data.fields.denied_amount ?? 0).toBe(column);
          expect(denial?.amount ?? 0).toBe(column);
          if (paid > 0 || expected > 0) expect(column).toBe(expected);
        },
      ),
      { numRuns: 40 },
    );
  });
});
