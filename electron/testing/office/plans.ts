import type { AccountId } from '../../../shared/ids';
import type { Ctx } from '../../core/context';
import { oneOrThrow } from '../../db/query';
import type { ServerConfig } from '../../office/server/connection';
import { addBilledClaim, addPayer } from '../builders';
import { call } from '../call';
import { syncAll, twoDesktops, type Desktop } from './desktops';
import { owingPatient } from './money';
import { serverRows } from './office-copy';
import { createServerDatabase } from './server-db';

// payment plans and promises at the desks of an office, as their tests work them

/** The patient owing $200.00 at an address, and a $300.00 claim the insurer has yet to pay. */
export function owingWithClaimUnpaid(ctx: Ctx, account: AccountId): void {
  owingPatient(ctx, account);
  addBilledClaim(ctx, account, addPayer(ctx, { name: 'Acme Health' }), [30_000]);
}

/**
 * The insurer pays the $300.00 claim at this desk and leaves $50.00 of deductible to the
 * patient, which joins the account's plan (it takes new charges).
 */
export function deductibleJoiningPlan(d: Desktop, account: AccountId): void {
  const claim = oneOrThrow<{ id: number; line: number }>(
    d.ctx.db,
    `SELECT c.id, l.id AS line FROM claims c JOIN claim_lines l ON l.claim_id = c.id
      WHERE c.total_charge = 30000`,
  );
  call(d.ctx, 'postInsurancePayment', {
    accountId: account,
    claimId: claim.id,
    method: 'eft',
    checkNumber: 'EFT-1',
    eobDate: '2026-03-16',
    patientShareTo: 'patient',
    lines: [{ claimLineId: claim.line, paid: 20_000, contractual: 5_000, deductible: 5_000 }],
  });
}

/** Four monthly payments of $50.00 from April 1st. */
export const makePlan = (d: Pick<Desktop, 'ctx'>, account: AccountId) =>
  call(d.ctx, 'createPlan', {
    accountId: account,
    downPayment: 0,
    length: { mode: 'months', months: 4 },
    firstDueDate: '2026-04-01',
    includeNewCharges: true,
  }).id;

/** Two desks of a new office, the account seeded by `seed`, and A's plan for it at both. */
export async function planAtBothDesks(seed: (ctx: Ctx, account: AccountId) => void) {
  const server = await createServerDatabase();
  const { a, b, accountIds } = await twoDesktops(server, 1, seed);
  const [account] = accountIds as [AccountId];
  makePlan(a, account);
  await syncAll(a, b);
  return { server, a, b, account };
}

export const pay = (d: Desktop, account: AccountId, amount: number) =>
  call(d.ctx, 'postPatientPayment', {
    accountId: account,
    amount,
    method: 'cash',
    receivedDate: '2026-03-16',
  });

export const plansOf = (d: Desktop, account: AccountId) =>
  call(d.ctx, 'getAccount', { accountId: account }).plans;

export const promisesOf = (d: Desktop, account: AccountId) =>
  call(d.ctx, 'getAccount', { accountId: account }).promises;

/** The statement the account's guarantor is due: a plan statement, or a dunning one, or held. */
export function statementOf(d: Desktop) {
  const [candidate] = call(d.ctx, 'listStatementCandidates', {}).accounts;
  if (!candidate) throw new Error('no statement candidate');
  return { plan: candidate.plan, held: candidate.held.map((h) => h.hold) };
}

export const planIdAt = (d: Desktop, account: AccountId) =>
  oneOrThrow<{ id: number }>(
    d.ctx.db,
    `SELECT id FROM payment_plans WHERE account_id = ? ORDER BY id DESC LIMIT 1`,
    account,
  ).id;

export const end = (
  d: Desktop,
  account: AccountId,
  status: 'broken' | 'cancelled',
  reason: string,
) => call(d.ctx, 'endPlan', { planId: planIdAt(d, account), status, reason });

export const serverPlans = (server: ServerConfig) =>
  serverRows<{ gid: string; status: string; version: number; n: number }>(
    server,
    `SELECT gid, status, version, jsonb_array_length(installments) AS n FROM payment_plans`,
  );
