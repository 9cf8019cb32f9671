import type { AccountId } from '../../shared/ids';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatUsDate, isoDate, type IsoDate } from '../../shared/dates/iso-date';
import { renderLetter } from '../documents/letter-layout';
import { parseTemplate, describeErrors } from '../documents/template-parse';
import { loadShippedTemplates } from '../documents/template-load';
import { pdfBodyText, writePageImages } from '../documents/test-pdf';
import type { Claim837, ClaimProvider837 } from '../importers/claims/claim-types';
import { all, one } from '../db/query';
import { call } from '../testing/call';
import { claimFileText, resent, serviceLine, testClaim } from '../testing/claims';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { appealLetterData } from './appeal-data';

const flat = (text: string) => text.replace(/\s+/g, ' ');
const LETTER_DATE = isoDate('2026-03-02');

const PROVIDERS: ClaimProvider837[] = [
  {
    role: 'attending',
    name: { last: 'Okafor', first: 'Maria', middle: 'L', suffix: null },
    npi: '1234567893',
  },
  {
    role: 'rendering',
    name: { last: 'Chen', first: 'David', middle: null, suffix: 'Jr' },
    npi: null,
  },
  {
    role: 'referring',
    name: { last: 'Northside Family Clinic', first: null, middle: null, suffix: null },
    npi: '1245319599',
  },
];

/** An emergency visit with lab work, as a hospital bills it. */
function erClaim(pcn: string, over: Partial<Claim837> = {}): Claim837 {
  return testClaim(pcn, [], {
    lines: [
      serviceLine(1, 48_000),
      serviceLine(2, 6_500, {
        revenueCode: '0301',
        procedure: { qualifier: 'HC', code: '80053', modifiers: [] },
      }),
    ],
    totalCharge: 54_500 as Claim837['totalCharge'],
    diagnosisCodes: ['R0789', 'I10', 'E119'],
    providers: PROVIDERS,
    ...over,
  });
}

const FACTS_TEMPLATE = `---
id: test-claim-facts
kind: appeal
title: Claim facts
categories: medical-necessity
level: 1
reference: patient_name
---
Diagnoses: {{diagnosis_codes}}.

Attending: {{attending_provider}}. Rendering: {{rendering_provider}}. Referring: {{referring_provider}}.

Service: {{service_description}}. First submitted {{original_submission_date}}.

{{service_lines}}
`;

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

function importClaims(claims: readonly Claim837[], controlNumber: number): void {
  call(ctx, 'importFile', {
    fileName: `claims-${controlNumber}.837`,
    text: claimFileText(claims, { controlNumber }),
  });
}

function claimOf(pcn: string): { id: number; billedDate: IsoDate } {
  const row = one<{ id: number; billedDate: IsoDate }>(
    ctx.db,
    `SELECT id, billed_date AS billedDate FROM claims WHERE claim_number = ?`,
    pcn,
  );
  if (!row) throw new Error(`no claim ${pcn}`);
  return row;
}

async function letterText(
  claimId: number,
  templateText: string,
  pageImages?: string,
): Promise<string> {
  const parsed = parseTemplate(templateText);
  if (!parsed.ok) throw new Error(describeErrors(parsed.errors));
  const data = appealLetterData(ctx.db, claimId, ctx.userId);
  if (!data) throw new Error('no letter data');
  const { pdf } = await renderLetter(parsed.template, data, { date: LETTER_DATE });
  if (pageImages) writePageImages(pdf, pageImages);
  return flat(pdfBodyText(pdf));
}

describe('what the claim file says fills the appeal letter', () => {
  it('stores the claim-level providers an 837 names', () => {
    importClaims([erClaim('PCN-P1')], 1);
    const stored = all<{ role: string; name: string; npi: string | null }>(
      ctx.db,
      `SELECT role, name, npi FROM claim_providers WHERE claim_id = ? ORDER BY role`,
      claimOf('PCN-P1').id,
    );
    expect(stored).toEqual([
      { role: 'attending', name: 'Maria L Okafor', npi: '1234567893' },
      { role: 'referring', name: 'Northside Family Clinic', npi: '1245319599' },
      { role: 'rendering', name: 'David Chen Jr', npi: null },
    ]);
  });

  it('shows the diagnoses and providers on the account\u2019s claim', () => {
    importClaims([erClaim('PCN-P6')], 1);
    const accountId = one<{ id: AccountId }>(
      ctx.db,
      `SELECT account_id AS id FROM claims WHERE claim_number = 'PCN-P6'`,
    )?.id;
    if (accountId === undefined) throw new Error('no account');
    const [claim] = call(ctx, 'getAccount', { accountId }).claims;
    expect(claim?.diagnosisCodes).toEqual(['R0789', 'I10', 'E119']);
    expect(claim?.providers.map((p) => [p.role, p.name, p.npi])).toEqual([
      ['attending', 'Maria L Okafor', '1234567893'],
      ['referring', 'Northside Family Clinic', '1245319599'],
      ['rendering', 'David Chen Jr', null],
    ]);
  });

  it('prints the diagnoses, providers, visit, first submission and line descriptions', async () => {
    importClaims([erClaim('PCN-P2')], 1);
    const claim = claimOf('PCN-P2');
    const text = await letterText(claim.id, FACTS_TEMPLATE);
    expect(text).toContain('Diagnoses: R0789, I10, E119.');
    expect(text).toContain(
      'Attending: Maria L Okafor (NPI 1234567893). Rendering: David Chen Jr. Referring: Northside Family Clinic (NPI 1245319599).',
    );
    expect(text).toContain(
      `Service: Emergency department visit. First submitted ${formatUsDate(claim.billedDate)}.`,
    );
    // the description column wraps "Emergency room" onto two lines
    expect(text).toContain('99284 Emergency');
    expect(text).toContain('80053 Laboratory');
    expect(text).not.toContain('Revenue code');
    for (const gap of ['DIAGNOSIS', 'PROVIDER', 'SERVICE DESCRIPTION', 'SUBMISSION']) {
      expect(text).not.toMatch(new RegExp(`\\[[A-Z ]*${gap}[A-Z ]*\\]`));
    }
  });

  it('does not call a replacement claim\u2019s billed date its first submission', async () => {
    const first = erClaim('PCN-P3');
    importClaims([first], 1);
    const lines = [serviceLine(1, 52_000), ...first.lines.slice(1)];
    importClaims([resent(first, '7', { lines, providers: PROVIDERS.slice(0, 1) })], 2);
    expect(one(ctx.db, `SELECT 1 FROM claims WHERE frequency_code = '7'`)).toBeDefined();
    const claim = claimOf('PCN-P3');
    const data = appealLetterData(ctx.db, claim.id, ctx.userId);
    expect(data?.fields.original_submission_date).toBeUndefined();
    // the replacement names who the providers are now
    expect(data?.fields.attending_provider).toBe('Maria L Okafor (NPI 1234567893)');
    expect(data?.fields.rendering_provider).toBeUndefined();
  });

  it('names a professional claim\u2019s service only by what it holds', () => {
    importClaims([testClaim('PCN-P4', [9_000], { type: 'professional' })], 1);
    const data = appealLetterData(ctx.db, claimOf('PCN-P4').id, ctx.userId);
    expect(data?.fields.service_description).toBeUndefined();
    expect(data?.serviceLines?.map((l) => l.description)).toEqual(['Service']);
  });

  it('fills the Medicare redetermination request as the provider, with the visit', async () => {
    importClaims([erClaim('PCN-P5')], 1);
    const t = (await loadShippedTemplates()).find((x) => x.kind === 'medicare-redetermination');
    if (!t) throw new Error('no redetermination template');
    const data = appealLetterData(ctx.db, claimOf('PCN-P5').id, ctx.userId);
    if (!data) throw new Error('no letter data');
    const { pdf } = await renderLetter(t, data, { date: LETTER_DATE });
    writePageImages(pdf, 'redetermination-claim-facts');
    const text = flat(pdfBodyText(pdf));
    expect(text).toContain('Relationship to the beneficiary: Provider');
    expect(text).toContain('Emergency department visit (procedure codes');
    expect(text).not.toContain('[SERVICE DESCRIPTION]');
    expect(text).not.toContain('[REQUESTER RELATIONSHIP]');
  });

  it('stores the providers named on service lines and prints only those the claim does not', async () => {
    const sameAsClaim: ClaimProvider837 = {
      role: 'rendering',
      name: { last: 'Chen', first: 'David', middle: null, suffix: 'Jr' },
      npi: null,
    };
    const otherRendering: ClaimProvider837 = {
      role: 'rendering',
      name: { last: 'Alvarez', first: 'Rosa', middle: null, suffix: null },
      npi: '1497758544',
    };
    const referring: ClaimProvider837 = {
      role: 'referring',
      name: { last: 'Lake Family Practice', first: null, middle: null, suffix: null },
      npi: '1326004999',
    };
    const base = erClaim('PCN-P7');
    const lines = base.lines.map((l, i) => ({
      ...l,
      providers: i === 0 ? [sameAsClaim] : [otherRendering, referring],
    }));
    importClaims([{ ...base, lines }], 1);
    const claim = claimOf('PCN-P7');
    expect(
      all(
        ctx.db,
        `SELECT cl.line_number AS line, lp.role, lp.name, lp.npi FROM claim_line_providers lp
           JOIN claim_lines cl ON cl.id = lp.claim_line_id WHERE cl.claim_id = ?
          ORDER BY cl.line_number, lp.role`,
        claim.id,
      ),
    ).toEqual([
      { line: 1, role: 'rendering', name: 'David Chen Jr', npi: null },
      { line: 2, role: 'referring', name: 'Lake Family Practice', npi: '1326004999' },
      { line: 2, role: 'rendering', name: 'Rosa Alvarez', npi: '1497758544' },
    ]);
    // the claim-level loops are still the claim's alone
    expect(
      all(ctx.db, `SELECT role FROM claim_providers WHERE claim_id = ? ORDER BY role`, claim.id),
    ).toEqual([{ role: 'attending' }, { role: 'referring' }, { role: 'rendering' }]);

    const data = appealLetterData(ctx.db, claim.id, ctx.userId);
    expect(data?.serviceLines?.map((l) => l.providers)).toEqual([
      undefined,
      [
        'Referring: Lake Family Practice (NPI 1326004999)',
        'Rendering: Rosa Alvarez (NPI 1497758544)',
      ],
    ]);
    const text = await letterText(claim.id, FACTS_TEMPLATE, 'line-providers');
    expect(text).toContain(
      'Referring: Lake Family Practice (NPI 1326004999); Rendering: Rosa Alvarez (NPI 1497758544)',
    );
    expect(text.match(/David Chen Jr/g)).toHaveLength(1);

    // a replacement that no longer names them leaves none behind
    const changed = [serviceLine(1, 52_000), ...base.lines.slice(1)];
    importClaims([resent(base, '7', { lines: changed })], 2);
    expect(one(ctx.db, `SELECT count(*) AS n FROM claim_line_providers`)).toEqual({ n: 0 });
  });
});
