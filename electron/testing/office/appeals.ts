import { expect } from 'vitest';
import type { AccountId, DenialId } from '../../../shared/ids';
import type { Report } from '../../../shared/reports/model';
import type { Ctx } from '../../core/context';
import { oneOrThrow, run } from '../../db/query';
import { addBilledClaim, addCoverage, addPayer } from '../builders';
import { call, callAsync } from '../call';
import { remitClaim, remittanceFile } from '../remittance';
import { TEST_TODAY } from '../test-db';
import type { ServerConfig } from '../../office/server/connection';
import { twoDesktops, type Desktop } from './desktops';

/** A letterhead, and Acme owed $500.00 on one billed claim, on the first copy. */
export function billed(ctx: Ctx, accountId: AccountId): void {
  run(
    ctx.db,
    `INSERT OR IGNORE INTO facility (id, name, line1, city, state, zip, phone, remit_to)
       VALUES (1, 'Harbor Point Hospital', '10 Quay Street', 'Portland', 'ME', '04101',
         '(207) 555-0100', 'Harbor Point Hospital, PO Box 9050, Portland, ME 04104')`,
  );
  const payerId = addPayer(ctx, { name: 'Acme Health', appealWindowDays: 180 });
  addCoverage(ctx, accountId, payerId, 1);
  addBilledClaim(ctx, accountId, payerId, [30_000, 20_000]);
}

/** Acme refuses the whole claim as not medically necessary, in an 835 imported at `d`. */
export function importDenial(d: Desktop): void {
  const claim = oneOrThrow<{ n: string }>(d.ctx.db, `SELECT claim_number AS n FROM claims`).n;
  const text = remittanceFile(
    [
      remitClaim({
        patientControlNumber: claim,
        charge: 50_000,
        paid: 0,
        status: '4',
        adjustments: [{ group: 'CO', reason: '50', amount: 50_000 }],
        remarks: ['N115'],
      }),
    ],
    { trace: 'EFT-D1', date: TEST_TODAY },
  );
  expect(call(d.ctx, 'importFile', { fileName: 'EFT-D1.835', text }).status).toBe('posted');
}

/**
 * Two desks billing the claim, the same 835 imported at both; B's posting reaches the office
 * first (A has not synced).
 */
export async function sameDenialAtBothDesks(server: ServerConfig) {
  const { a, b, accountIds } = await twoDesktops(server, 1, billed);
  importDenial(a);
  importDenial(b);
  await b.sync.sync();
  return { a, b, accountId: accountIds[0] as AccountId };
}

export const denialOf = (ctx: Ctx) =>
  oneOrThrow<{ id: DenialId }>(ctx.db, `SELECT id FROM denials`).id;

/** The appeal a representative generates from the draft the denial suggests. */
export async function generateAppeal(ctx: Ctx, denialId: DenialId): Promise<number> {
  const draft = await callAsync(ctx, 'draftAppeal', { denialId });
  const view = await callAsync(ctx, 'generateAppeal', { denialId, templateId: draft.templateId });
  expect(view.kind).toBe('appeal');
  return view.documentId;
}

/** The account's documents as its screen lists them: kind and the denial each answers. */
export async function lettersOn(ctx: Ctx, accountId: AccountId) {
  const listed = await callAsync(ctx, 'listAccountDocuments', { accountId });
  return listed.map((d) => ({ kind: d.kind, denialId: d.denialId }));
}

const figure = (report: Report, label: string) =>
  report.figures.find((f) => f.label === label)?.value;

export const appealsSent = (ctx: Ctx) =>
  figure(call(ctx, 'getReport', { report: 'appeals' }), 'Appeals sent');
