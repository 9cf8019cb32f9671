import { expect } from 'vitest';
import type { AccountId, PayerId } from '../../../shared/ids';
import type { Ctx } from '../../core/context';
import { oneOrThrow } from '../../db/query';
import { addClaim } from '../builders';
import { claimFileText, resent, testClaim } from '../claims';
import type { ServiceLine837 } from '../../importers/claims/claim-types';
import { call } from '../call';
import { file277 } from '../x12/write-277';
import type { Desktop } from './desktops';
import { serverRows } from './office-copy';
import { claimStatusFile, withAcme } from './records';

const acmeId = (ctx: Ctx): PayerId =>
  oneOrThrow<{ id: PayerId }>(ctx.db, `SELECT id FROM payers WHERE payer_code = 'ACME01'`).id;

/** Acme, and a billed claim K-100 on the account, in the copy every desktop starts from. */
export function withBilledClaim(ctx: Ctx, account: AccountId): void {
  withAcme(ctx);
  addClaim(ctx, account, acmeId(ctx), { number: 'K-100', status: 'billed' });
}

/** K-100, and a second billed claim K-200 on the same account, in the first copy. */
export function withTwoBilledClaims(ctx: Ctx, account: AccountId): void {
  withBilledClaim(ctx, account);
  addClaim(ctx, account, acmeId(ctx), { number: 'K-200', status: 'billed' });
}

/** A payer's acknowledgment (A2) or rejection (A7) of a claim, imported at a desktop. */
export function import277(
  d: Desktop,
  claim: string,
  code: 'A2:20:PR' | 'A7:21:85',
  control: string,
) {
  const text = claimStatusFile(claim, code === 'A7:21:85', Number(control));
  expect(call(d.ctx, 'importFile', { fileName: `${control}.277`, text }).status).toBe('posted');
}

/** A 277 asking for documents on K-100, imported at a desk: a claim status follow-up opens there. */
export function askForDocuments(d: Desktop, control: string): void {
  const text = file277([{ patientControlNumber: 'K-100', status: { codes: ['R4:35:PR'] } }], {
    controlNumber: control,
  });
  expect(call(d.ctx, 'importFile', { fileName: 'asked.277', text }).status).toBe('posted');
}

/** One 277 acknowledging (A2) or rejecting (A7) both K-100 and K-200, imported at a desk. */
export function import277OfBoth(d: Desktop, code: 'A2:20:PR' | 'A7:21:85', control: string): void {
  const claims = ['K-100', 'K-200'].map((claim) => ({
    patientControlNumber: claim,
    status: { codes: [code] },
  }));
  const text = file277(claims, { controlNumber: control });
  expect(call(d.ctx, 'importFile', { fileName: `${control}.277`, text }).status).toBe('posted');
}

/** A claim's status at a desk, by its number. */
export const claimStatus = (ctx: Ctx, claim = 'K-100') =>
  oneOrThrow<{ status: string }>(ctx.db, `SELECT status FROM claims WHERE claim_number = ?`, claim)
    .status;

export const serverClaim = async (server: Parameters<typeof serverRows>[0], number: string) =>
  serverRows<{ gid: string; status: string; version: number }>(
    server,
    `SELECT gid, status, version FROM claims WHERE claim_number = '${number}'`,
  );

/** REP-1 (billed for $100.00, $25.00 and $40.00) sent again from a desk as a replacement. */
export function replaceRep1(d: Desktop, lines: ServiceLine837[], file: string): void {
  const report = call(d.ctx, 'importFile', {
    fileName: file,
    text: claimFileText([resent(testClaim('REP-1', [10_000, 2_500, 4_000]), '7', { lines })]),
  });
  expect(report.status).toBe('posted');
}
