import type { AccountId, PersonId } from '../../../shared/ids';
import type { Ctx } from '../../core/context';
import { oneOrThrow } from '../../db/query';
import type { ServerConfig } from '../../office/server/connection';
import { addAddress } from '../builders';
import { call } from '../call';
import type { Desktop } from './desktops';
import { owing } from './money';
import { serverRows } from './office-copy';

// payment plans and promises at the desks of an office, as their tests work them

/** The account's patient owes $200.00 at an address, so statements would go to them. */
export function owingPatient(ctx: Ctx, account: AccountId): void {
  owing(ctx, account);
  const patient = oneOrThrow<{ id: PersonId }>(
    ctx.db,
    `SELECT patient_id AS id FROM accounts WHERE id = ?`,
    account,
  ).id;
  addAddress(ctx, patient);
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
