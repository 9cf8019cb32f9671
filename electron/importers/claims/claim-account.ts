import {
  type AccountId,
  type ClaimId,
  type PayerId,
  type PersonId,
  insertedId,
} from '../../../shared/ids';
import type { FinancialClass } from '../../../shared/codes/enums';
import { addDays, formatUsDate, type IsoDate } from '../../../shared/dates/iso-date';
import type { Ctx } from '../../core/context';
import { findOpenFollowUp, insertFollowUp } from '../../followups/store';
import type { Claim837 } from './claim-types';
import { findOrCreatePerson, isSamePerson, updatePerson, type AddressSource } from './people';
import { SkipClaim, PRIORITY_LABEL, patientOf } from './claim-facts';
import { one, oneOrThrow, run } from '../../db/query';

/*
 * What a claim brings to its account: the payer it is billed to, the people it names, the
 * coverage it is billed under and the follow-up that checks on its status.
 */

/** SBR09 claim filing indicator to the financial class a new payer gets. */
const FILING_CLASS: Record<string, FinancialClass> = {
  MA: 'medicare',
  MB: 'medicare',
  MC: 'medicaid',
  HM: 'managed_care',
  WC: 'workers_comp',
};

/** Deadlines a payer created from a claim file starts with, until someone sets its own. */
export const NEW_PAYER_TIMELY_FILING_DAYS = 365;
export const NEW_PAYER_APPEAL_WINDOW_DAYS = 180;

export interface OurPayer {
  id: PayerId;
  name: string;
  financialClass: FinancialClass;
  created: boolean;
}

/** The payer by the id the file routes the claim by (NM1*PR NM109), when it is on file. */
export function findPayer(ctx: Ctx, claim: Claim837): OurPayer | null {
  const row = one<Omit<OurPayer, 'created'>>(
    ctx.db,
    `SELECT id, name, financial_class AS financialClass FROM payers WHERE payer_code = ?`,
    claim.payer.payerId ?? '',
  );
  return row ? { ...row, created: false } : null;
}

/** A payer the file names and we do not have, with the default deadlines. */
export function createPayer(ctx: Ctx, claim: Claim837): OurPayer {
  const financialClass = FILING_CLASS[claim.subscriber.filingIndicator ?? ''] ?? 'commercial';
  const id = insertedId<PayerId>(
    run(
      ctx.db,
      `INSERT INTO payers (name, payer_code, financial_class, timely_filing_days, appeal_window_days)
         VALUES (?, ?, ?, ?, ?)`,
      claim.payer.name,
      claim.payer.payerId ?? '',
      financialClass,
      NEW_PAYER_TIMELY_FILING_DAYS,
      NEW_PAYER_APPEAL_WINDOW_DAYS,
    ),
  );
  return { id, name: claim.payer.name, financialClass, created: true };
}

/** The payer by the id the file routes the claim by, created when new. */
export function resolvePayer(ctx: Ctx, claim: Claim837): OurPayer {
  return findPayer(ctx, claim) ?? createPayer(ctx, claim);
}

export interface AccountRow {
  id: AccountId;
  accountNumber: string;
  status: string;
  patientId: PersonId;
  guarantorId: PersonId;
}

export function requireOpen(account: AccountRow): void {
  if (account.status === 'closed') {
    throw new SkipClaim(
      `Account ${account.accountNumber} is closed; nothing can be posted to it. Reopen it, then import the file again.`,
    );
  }
}

/**
 * Brings the account's people up to date from the claim (their address history, details
 * missing on file) when they are the people the claim names, and returns the subscriber's
 * person id for the coverage, creating the subscriber when they are someone else.
 */
export function refreshPeople(
  ctx: Ctx,
  account: AccountRow,
  claim: Claim837,
  source: AddressSource,
): { subscriberId: number; created: number } {
  if (isSamePerson(ctx, account.patientId, patientOf(claim))) {
    updatePerson(ctx, account.patientId, patientOf(claim), source);
  }
  if (!claim.patient) return { subscriberId: account.patientId, created: 0 };
  if (
    account.guarantorId !== account.patientId &&
    isSamePerson(ctx, account.guarantorId, claim.subscriber)
  ) {
    updatePerson(ctx, account.guarantorId, claim.subscriber, source);
    return { subscriberId: account.guarantorId, created: 0 };
  }
  const subscriber = findOrCreatePerson(ctx, claim.subscriber, source);
  return { subscriberId: subscriber.id, created: subscriber.created ? 1 : 0 };
}

export interface CoverageRow {
  id: number;
  payerId: PayerId;
  payerName: string;
  memberId: string;
  groupNumber: string | null;
  subscriberId: number | null;
}

/** The account's coverage at a priority, with its payer's name. */
export function findCoverage(ctx: Ctx, accountId: AccountId, priority: number): CoverageRow | null {
  return (
    one<CoverageRow>(
      ctx.db,
      `SELECT cv.id, cv.payer_id AS payerId, py.name AS payerName, cv.member_id AS memberId,
           cv.group_number AS groupNumber, cv.subscriber_id AS subscriberId
         FROM coverages cv JOIN payers py ON py.id = cv.payer_id
         WHERE cv.account_id = ? AND cv.priority = ?`,
      accountId,
      priority,
    ) ?? null
  );
}

/**
 * Another payer at the claim's priority means the coverage on file disagrees with the
 * claim, which a person settles. A payer not on file yet (null id) is always another.
 */
export function requireSameCoverage(
  account: AccountRow,
  existing: CoverageRow | null,
  payer: { id: PayerId | null; name: string },
  priority: number,
): void {
  if (existing && existing.payerId !== payer.id) {
    throw new SkipClaim(
      `Account ${account.accountNumber} has ${existing.payerName} as its ${PRIORITY_LABEL[priority] ?? `priority ${priority}`} coverage, not ${payer.name}; correct the account's coverage, then import the file again.`,
    );
  }
}

/**
 * The refusals a new claim can meet before anything of it is written, in the order a
 * person meets them: the account its control number names is closed, is another
 * patient's, or has another payer at the claim's priority. Returns what it looked up.
 */
export function checkNewClaim(
  ctx: Ctx,
  claim: Claim837,
  priority: number,
): { found: AccountRow | null; knownPayer: OurPayer | null; coverageOnFile: CoverageRow | null } {
  const found =
    one<AccountRow>(
      ctx.db,
      `SELECT id, account_number AS accountNumber, status, patient_id AS patientId,
           guarantor_id AS guarantorId FROM accounts WHERE account_number = ?`,
      claim.patientControlNumber,
    ) ?? null;
  const knownPayer = findPayer(ctx, claim);
  if (!found) return { found, knownPayer, coverageOnFile: null };
  requireOpen(found);
  // a control number that happens to be another patient's account number must not
  // put this patient's charges there
  if (!isSamePerson(ctx, found.patientId, patientOf(claim))) {
    throw new SkipClaim(
      `Account ${found.accountNumber} is another patient's account; check the patient control number, which names this account.`,
    );
  }
  const coverageOnFile = findCoverage(ctx, found.id, priority);
  requireSameCoverage(
    found,
    coverageOnFile,
    { id: knownPayer?.id ?? null, name: knownPayer?.name ?? claim.payer.name },
    priority,
  );
  return { found, knownPayer, coverageOnFile };
}

/**
 * The account's coverage at the claim's priority: added when missing, its member and
 * group numbers brought up to date when it is the same payer. Another payer at that
 * priority is refused (requireSameCoverage). `existing` is the coverage found at that
 * priority, when the caller has looked already.
 */
export function ensureCoverage(
  ctx: Ctx,
  account: AccountRow,
  payer: OurPayer,
  priority: number,
  claim: Claim837,
  subscriberId: number,
  existing: CoverageRow | null = findCoverage(ctx, account.id, priority),
): { id: number; changed: boolean } {
  const { db } = ctx;
  const memberId = claim.subscriber.memberId ?? '';
  const groupNumber = claim.subscriber.groupNumber;
  if (!existing) {
    const id = Number(
      run(
        db,
        `INSERT INTO coverages (account_id, payer_id, priority, member_id, group_number, subscriber_id)
           VALUES (?, ?, ?, ?, ?, ?)`,
        account.id,
        payer.id,
        priority,
        memberId,
        groupNumber,
        subscriberId,
      ).lastInsertRowid,
    );
    return { id, changed: true };
  }
  requireSameCoverage(account, existing, payer, priority);
  if (
    existing.memberId === memberId &&
    existing.groupNumber === groupNumber &&
    existing.subscriberId === subscriberId
  ) {
    return { id: existing.id, changed: false };
  }
  run(
    db,
    `UPDATE coverages SET member_id = ?, group_number = ?, subscriber_id = ? WHERE id = ?`,
    memberId,
    groupNumber,
    subscriberId,
    existing.id,
  );
  return { id: existing.id, changed: true };
}

function statusFollowUp(payerName: string, billed: IsoDate): { due: IsoDate; reason: string } {
  const due = addDays(billed, 30);
  return {
    due,
    reason: `Billed to ${payerName} on ${formatUsDate(billed)}; check the claim's status if no remittance has come by ${formatUsDate(due)}.`,
  };
}

/** The follow-up that checks on a claim just added, which can have none yet. */
export function newClaimStatusFollowUp(
  ctx: Ctx,
  accountId: AccountId,
  claimId: ClaimId,
  payerName: string,
  billed: IsoDate,
): void {
  const { due, reason } = statusFollowUp(payerName, billed);
  insertFollowUp(ctx, { accountId, claimId, kind: 'claim_status', dueDate: due, reason });
}

export function claimStatusFollowUp(
  ctx: Ctx,
  accountId: AccountId,
  claimId: ClaimId,
  payerName: string,
  billed: IsoDate,
): boolean {
  const { due, reason } = statusFollowUp(payerName, billed);
  // by account first: follow-ups are indexed by account, not by claim
  const open = oneOrThrow<{ n: number }>(
    ctx.db,
    `SELECT count(*) AS n FROM follow_ups WHERE account_id = ? AND status = 'open' AND claim_id = ?`,
    accountId,
    claimId,
  );
  if (open.n > 0) {
    // a denial or status follow-up already on the claim stays the one to work; a status
    // follow-up moves to the new billing date
    const status = findOpenFollowUp(ctx.db, accountId, claimId, 'claim_status');
    if (status) {
      run(
        ctx.db,
        `UPDATE follow_ups SET due_date = ?, reason = ? WHERE id = ?`,
        due,
        reason,
        status.id,
      );
    }
    return false;
  }
  insertFollowUp(ctx, { accountId, claimId, kind: 'claim_status', dueDate: due, reason });
  return true;
}
