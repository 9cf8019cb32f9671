import { touchAccount } from '../../core/touched';
import type { ClaimFileReport } from '../../../shared/api/imports';
import type { FinancialClass } from '../../../shared/codes/enums';
import { addDays, formatUsDate, type IsoDate } from '../../../shared/dates/iso-date';
import { cents, sumCents, type Cents } from '../../../shared/money/cents';
import { formatCents } from '../../../shared/money/format';
import type { Ctx } from '../../core/context';
import { recordActivity } from '../../activities/record';
import { findOpenFollowUp, insertFollowUp } from '../../followups/store';
import { closeSystemFollowUps } from '../../followups/system';
import { appendLedgerEntries, type NewLedgerEntry } from '../../ledger/ledger';
import type { Claim837, ServiceLine837 } from './claim-types';
import {
  findOrCreatePerson,
  isSamePerson,
  updatePerson,
  type AddressSource,
  type ClaimPerson,
} from './people';

/** A claim that cannot be applied as sent; the import skips it with this reason. */
export class SkipClaim extends Error {}

/** What every claim of one transaction shares. */
export interface FileContext {
  importFileId: number;
  fileName: string;
  /** BHT04, when the claims were sent, never after today. */
  billedDate: IsoDate;
}

export interface Applied {
  outcome: 'added' | 'updated' | 'voided';
  claimNumber: string;
  accountId: number;
  accountNumber: string;
  chargesPosted: Cents;
  message: string;
  accountCreated: boolean;
  peopleCreated: number;
  payerCreated: ClaimFileReport['payersCreated'][number] | null;
}

export const TYPE_LABEL = { institutional: '837I', professional: '837P' } as const;

/** SBR01 to our coverage priority (1–9); `U` (unknown) and payers ten and eleven have none. */
const PRIORITY: Record<string, number> = { P: 1, S: 2, T: 3, A: 4, B: 5, C: 6, D: 7, E: 8, F: 9 };
const PRIORITY_LABEL: Record<number, string> = { 1: 'primary', 2: 'secondary', 3: 'tertiary' };

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

interface OurPayer {
  id: number;
  name: string;
  financialClass: FinancialClass;
  created: boolean;
}

/** The payer by the id the file routes the claim by (NM1*PR NM109), created when new. */
function resolvePayer(ctx: Ctx, claim: Claim837): OurPayer {
  const code = claim.payer.payerId ?? '';
  const row = ctx.db
    .prepare(`SELECT id, name, financial_class AS financialClass FROM payers WHERE payer_code = ?`)
    .get(code) as Omit<OurPayer, 'created'> | undefined;
  if (row) return { ...row, created: false };
  const financialClass = FILING_CLASS[claim.subscriber.filingIndicator ?? ''] ?? 'commercial';
  const id = Number(
    ctx.db
      .prepare(
        `INSERT INTO payers (name, payer_code, financial_class, timely_filing_days, appeal_window_days)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(
        claim.payer.name,
        code,
        financialClass,
        NEW_PAYER_TIMELY_FILING_DAYS,
        NEW_PAYER_APPEAL_WINDOW_DAYS,
      ).lastInsertRowid,
  );
  return { id, name: claim.payer.name, financialClass, created: true };
}

function priorityOf(claim: Claim837): number {
  const priority = PRIORITY[claim.subscriber.payerResponsibility];
  if (priority === undefined) {
    throw new SkipClaim(
      `The payer responsibility code (SBR01) ${claim.subscriber.payerResponsibility || 'is empty and'} does not say which coverage this is (primary, secondary, tertiary…).`,
    );
  }
  return priority;
}

const patientOf = (claim: Claim837): ClaimPerson => claim.patient ?? claim.subscriber;

/** A line's date of service: its own, else the start of the claim's statement period. */
function lineDate(claim: Claim837, line: ServiceLine837): IsoDate {
  const date = line.serviceDate ?? claim.statementFrom;
  // the reader refuses a claim with neither
  if (date === null) throw new SkipClaim(`Line ${line.lineNumber} has no date of service.`);
  return date;
}

function serviceSpan(claim: Claim837): { from: IsoDate; to: IsoDate } {
  const dates = claim.lines.flatMap((l) => [
    lineDate(claim, l),
    l.serviceDateTo ?? lineDate(claim, l),
  ]);
  if (claim.statementFrom) dates.push(claim.statementFrom);
  if (claim.statementTo) dates.push(claim.statementTo);
  dates.sort();
  return { from: dates[0] as IsoDate, to: dates[dates.length - 1] as IsoDate };
}

function chargeMemo(claim: Claim837, line: ServiceLine837): string {
  const code = line.procedure
    ? `${line.procedure.code}${line.procedure.modifiers.length ? `-${line.procedure.modifiers.join('-')}` : ''}`
    : null;
  if (claim.claimType === 'professional') return code ?? 'Professional service';
  return code ? `Rev ${line.revenueCode ?? ''} / ${code}` : `Rev ${line.revenueCode ?? ''}`;
}

const signed = (amount: number): string =>
  amount > 0 ? `+${formatCents(cents(amount))}` : formatCents(cents(amount));

interface AccountRow {
  id: number;
  accountNumber: string;
  status: string;
  patientId: number;
  guarantorId: number;
}

function requireOpen(account: AccountRow): void {
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
function refreshPeople(
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

/**
 * The account's coverage at the claim's priority: added when missing, its member and
 * group numbers brought up to date when it is the same payer. Another payer at that
 * priority means the coverage on file disagrees with the claim, which a person settles.
 */
function ensureCoverage(
  ctx: Ctx,
  account: AccountRow,
  payer: OurPayer,
  priority: number,
  claim: Claim837,
  subscriberId: number,
): { id: number; changed: boolean } {
  const { db } = ctx;
  const existing = db
    .prepare(
      `SELECT cv.id, cv.payer_id AS payerId, py.name AS payerName, cv.member_id AS memberId,
         cv.group_number AS groupNumber, cv.subscriber_id AS subscriberId
       FROM coverages cv JOIN payers py ON py.id = cv.payer_id
       WHERE cv.account_id = ? AND cv.priority = ?`,
    )
    .get(account.id, priority) as
    | {
        id: number;
        payerId: number;
        payerName: string;
        memberId: string;
        groupNumber: string | null;
        subscriberId: number | null;
      }
    | undefined;
  const memberId = claim.subscriber.memberId ?? '';
  const groupNumber = claim.subscriber.groupNumber;
  if (!existing) {
    const id = Number(
      db
        .prepare(
          `INSERT INTO coverages (account_id, payer_id, priority, member_id, group_number, subscriber_id)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(account.id, payer.id, priority, memberId, groupNumber, subscriberId).lastInsertRowid,
    );
    return { id, changed: true };
  }
  if (existing.payerId !== payer.id) {
    throw new SkipClaim(
      `Account ${account.accountNumber} has ${existing.payerName} as its ${PRIORITY_LABEL[priority] ?? `priority ${priority}`} coverage, not ${payer.name}; correct the account's coverage, then import the file again.`,
    );
  }
  if (
    existing.memberId === memberId &&
    existing.groupNumber === groupNumber &&
    existing.subscriberId === subscriberId
  ) {
    return { id: existing.id, changed: false };
  }
  db.prepare(
    `UPDATE coverages SET member_id = ?, group_number = ?, subscriber_id = ? WHERE id = ?`,
  ).run(memberId, groupNumber, subscriberId, existing.id);
  return { id: existing.id, changed: true };
}

/** The claim's columns as the 837 gives them, in the order the statements below use. */
function claimColumns(claim: Claim837, f: FileContext, fingerprint: string) {
  return [
    claim.claimType,
    claim.facilityCode,
    claim.frequencyCode,
    claim.diagnosisCodes.join(' '),
    claim.priorAuthorization,
    claim.referralNumber,
    claim.statementFrom,
    claim.statementTo,
    claim.billingProvider.npi,
    fingerprint,
    f.importFileId,
  ] as const;
}

function lineColumns(claim: Claim837, l: ServiceLine837) {
  return [
    lineDate(claim, l),
    l.revenueCode,
    l.procedure?.code ?? null,
    l.procedure && l.procedure.modifiers.length > 0 ? l.procedure.modifiers.join(':') : null,
    l.units,
    l.charge,
  ] as const;
}

function claimStatusFollowUp(
  ctx: Ctx,
  accountId: number,
  claimId: number,
  payerName: string,
  billed: IsoDate,
): boolean {
  const due = addDays(billed, 30);
  const reason = `Billed to ${payerName} on ${formatUsDate(billed)}; check the claim's status if no remittance has come by ${formatUsDate(due)}.`;
  // by account first: follow-ups are indexed by account, not by claim
  const open = ctx.db
    .prepare(
      `SELECT count(*) AS n FROM follow_ups WHERE account_id = ? AND status = 'open' AND claim_id = ?`,
    )
    .get(accountId, claimId) as { n: number };
  if (open.n > 0) {
    // a denial or status follow-up already on the claim stays the one to work; a status
    // follow-up moves to the new billing date
    const status = findOpenFollowUp(ctx.db, accountId, claimId, 'claim_status');
    if (status) {
      ctx.db
        .prepare(`UPDATE follow_ups SET due_date = ?, reason = ? WHERE id = ?`)
        .run(due, reason, status.id);
    }
    return false;
  }
  insertFollowUp(ctx, { accountId, claimId, kind: 'claim_status', dueDate: due, reason });
  return true;
}

/** A new claim: its people, account, coverage, lines and charges, in the caller's transaction. */
export function addClaim(ctx: Ctx, f: FileContext, claim: Claim837, fingerprint: string): Applied {
  const { db } = ctx;
  const today = ctx.clock.today();
  const priority = priorityOf(claim);
  const payer = resolvePayer(ctx, claim);
  const source: AddressSource = {
    effectiveDate: f.billedDate,
    reason: `From claim file ${f.fileName}`,
  };
  const pcn = claim.patientControlNumber;
  let peopleCreated = 0;
  let account = db
    .prepare(
      `SELECT id, account_number AS accountNumber, status, patient_id AS patientId,
         guarantor_id AS guarantorId FROM accounts WHERE account_number = ?`,
    )
    .get(pcn) as AccountRow | undefined;
  const accountCreated = !account;
  let subscriberId: number;
  if (account) {
    requireOpen(account);
    // a control number that happens to be another patient's account number must not
    // put this patient's charges there
    if (!isSamePerson(ctx, account.patientId, patientOf(claim))) {
      throw new SkipClaim(
        `Account ${account.accountNumber} is another patient's account; check the patient control number, which names this account.`,
      );
    }
    const refreshed = refreshPeople(ctx, account, claim, source);
    subscriberId = refreshed.subscriberId;
    peopleCreated += refreshed.created;
  } else {
    const patient = findOrCreatePerson(ctx, patientOf(claim), source);
    const guarantor = claim.patient ? findOrCreatePerson(ctx, claim.subscriber, source) : patient;
    peopleCreated += (patient.created ? 1 : 0) + (claim.patient && guarantor.created ? 1 : 0);
    subscriberId = guarantor.id;
    const span = serviceSpan(claim);
    const relationship = !claim.patient
      ? 'self'
      : claim.patient.relationship === '01' || claim.patient.relationship === '53'
        ? 'spouse'
        : claim.patient.relationship === '19'
          ? 'parent'
          : 'other';
    const id = Number(
      db
        .prepare(
          `INSERT INTO accounts (account_number, patient_id, guarantor_id, guarantor_relationship,
             service_date, discharge_date, financial_class, status, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?)`,
        )
        .run(
          pcn,
          patient.id,
          guarantor.id,
          relationship,
          span.from,
          claim.claimType === 'institutional' && span.to > span.from ? span.to : null,
          payer.financialClass,
          ctx.clock.now(),
        ).lastInsertRowid,
    );
    account = {
      id,
      accountNumber: pcn,
      status: 'open',
      patientId: patient.id,
      guarantorId: guarantor.id,
    };
  }
  const coverage = ensureCoverage(ctx, account, payer, priority, claim, subscriberId);

  const claimId = Number(
    db
      .prepare(
        `INSERT INTO claims (claim_number, account_id, coverage_id, payer_id, billed_date, status,
           total_charge, created_at, claim_type, facility_code, frequency_code, diagnosis_codes,
           prior_authorization, referral_number, statement_from, statement_to,
           billing_provider_npi, fingerprint, import_file_id)
         VALUES (?, ?, ?, ?, ?, 'billed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        pcn,
        account.id,
        coverage.id,
        payer.id,
        f.billedDate,
        claim.totalCharge,
        ctx.clock.now(),
        ...claimColumns(claim, f, fingerprint),
      ).lastInsertRowid,
  );
  const insertLine = db.prepare(
    `INSERT INTO claim_lines (claim_id, line_number, service_date, revenue_code, procedure_code,
       modifiers, units, charge) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const entries: NewLedgerEntry[] = [];
  for (const l of claim.lines) {
    const lineId = Number(
      insertLine.run(claimId, l.lineNumber, ...lineColumns(claim, l)).lastInsertRowid,
    );
    if (l.charge === 0) continue;
    const date = lineDate(claim, l);
    entries.push({
      accountId: account.id,
      claimId,
      claimLineId: lineId,
      kind: 'charge',
      side: 'insurance',
      amount: l.charge,
      // a date of service ahead of ours is a clock difference, not a charge from the future
      postingDate: date > today ? today : date,
      memo: chargeMemo(claim, l),
    });
  }
  claimStatusFollowUp(ctx, account.id, claimId, payer.name, f.billedDate);
  appendLedgerEntries(db, entries, { userId: ctx.userId, now: ctx.clock.now(), today });
  touchAccount(db, account.id);

  const lines = `${claim.lines.length} line${claim.lines.length === 1 ? '' : 's'}`;
  recordActivity(ctx, {
    accountId: account.id,
    claimId,
    kind: 'system',
    text:
      `Claim ${pcn} (${TYPE_LABEL[claim.claimType]}, ${lines}, ${formatCents(claim.totalCharge)}) imported from claim file ${f.fileName}, billed to ${payer.name} on ${formatUsDate(f.billedDate)}.` +
      (payer.created
        ? ` ${payer.name} was added as a new payer with default deadlines (timely filing ${NEW_PAYER_TIMELY_FILING_DAYS} days, appeals ${NEW_PAYER_APPEAL_WINDOW_DAYS} days).`
        : '') +
      (coverage.changed && !accountCreated
        ? ' The coverage on file was updated from the claim.'
        : ''),
  });
  const charged = sumCents(entries.map((e) => cents(e.amount)));
  return {
    outcome: 'added',
    claimNumber: pcn,
    accountId: account.id,
    accountNumber: account.accountNumber,
    chargesPosted: charged,
    message: `Added claim ${pcn} to ${accountCreated ? 'new' : 'existing'} account ${account.accountNumber}; ${formatCents(charged)} in charges posted.`,
    accountCreated,
    peopleCreated,
    payerCreated: payer.created
      ? {
          payerId: claim.payer.payerId ?? '',
          name: payer.name,
          timelyFilingDays: NEW_PAYER_TIMELY_FILING_DAYS,
          appealWindowDays: NEW_PAYER_APPEAL_WINDOW_DAYS,
        }
      : null,
  };
}

/** Our claim as a replacement or void finds it. */
export interface OurClaim {
  id: number;
  claimNumber: string;
  payerId: number;
  payerName: string;
  coverageId: number | null;
  totalCharge: number;
  account: AccountRow;
}

export function loadOurClaim(ctx: Ctx, claimId: number): OurClaim {
  const row = ctx.db
    .prepare(
      `SELECT c.id, c.claim_number AS claimNumber, c.payer_id AS payerId, py.name AS payerName,
         c.coverage_id AS coverageId, c.total_charge AS totalCharge, a.id AS accountId,
         a.account_number AS accountNumber, a.status, a.patient_id AS patientId,
         a.guarantor_id AS guarantorId
       FROM claims c JOIN accounts a ON a.id = c.account_id JOIN payers py ON py.id = c.payer_id
       WHERE c.id = ?`,
    )
    .get(claimId) as Omit<OurClaim, 'account'> & {
    accountId: number;
    accountNumber: string;
    status: string;
    patientId: number;
    guarantorId: number;
  };
  return {
    id: row.id,
    claimNumber: row.claimNumber,
    payerId: row.payerId,
    payerName: row.payerName,
    coverageId: row.coverageId,
    totalCharge: row.totalCharge,
    account: {
      id: row.accountId,
      accountNumber: row.accountNumber,
      status: row.status,
      patientId: row.patientId,
      guarantorId: row.guarantorId,
    },
  };
}

interface ChargeRow {
  id: number;
  claimLineId: number | null;
  side: 'insurance' | 'patient';
  amount: number;
  reversesId: number | null;
  reversedBy: number | null;
}

/** Every charge row on the claim, reversals included, with whether it was reversed. */
function chargeRows(ctx: Ctx, claimId: number): ChargeRow[] {
  return ctx.db
    .prepare(
      `SELECT l.id, l.claim_line_id AS claimLineId, l.side, l.amount, l.reverses_id AS reversesId,
         (SELECT r.id FROM ledger_entries r WHERE r.reverses_id = l.id) AS reversedBy
       FROM ledger_entries l WHERE l.claim_id = ? AND l.kind = 'charge' ORDER BY l.id`,
    )
    .all(claimId) as ChargeRow[];
}

function reversalOf(
  row: ChargeRow,
  accountId: number,
  claimId: number,
  today: IsoDate,
  why: string,
): NewLedgerEntry {
  return {
    accountId,
    claimId,
    claimLineId: row.claimLineId,
    kind: 'charge',
    side: row.side,
    amount: -row.amount,
    postingDate: today,
    memo: `Reversal: ${why}`,
    reversesId: row.id,
  };
}

/**
 * Brings the charges of a line (or of the claim itself, line null) to `target` without
 * touching a posted row: an increase is a new charge for the difference; a decrease
 * reverses the charges still standing and, when something is still owed, charges the
 * new amount.
 */
function chargeChange(
  rows: readonly ChargeRow[],
  target: number,
  base: Omit<NewLedgerEntry, 'kind' | 'side' | 'amount' | 'reversesId' | 'memo'>,
  memo: string,
  why: string,
): NewLedgerEntry[] {
  const current = rows.reduce((s, r) => s + r.amount, 0);
  if (target === current) return [];
  if (target > current) {
    return [{ ...base, kind: 'charge', side: 'insurance', amount: target - current, memo }];
  }
  // a reversal cancels its original on the same line, so once every standing charge is
  // reversed the line owes nothing and the new amount is charged afresh
  const out = rows
    .filter((r) => r.reversesId === null && r.reversedBy === null)
    .map((r) => reversalOf(r, base.accountId, base.claimId ?? 0, base.postingDate, why));
  if (target > 0) out.push({ ...base, kind: 'charge', side: 'insurance', amount: target, memo });
  return out;
}

/**
 * A replacement (frequency 7): the claim takes the new content and lines; each line's
 * charge moves to its new amount through new ledger rows; lines the replacement drops
 * keep their row (ledger rows name it) with charge 0, marked removed.
 */
export function replaceClaim(
  ctx: Ctx,
  f: FileContext,
  claim: Claim837,
  ours: OurClaim,
  fingerprint: string,
): Applied {
  const { db } = ctx;
  const today = ctx.clock.today();
  const now = ctx.clock.now();
  const account = ours.account;
  requireOpen(account);
  const payer = resolvePayer(ctx, claim);
  if (payer.id !== ours.payerId) {
    throw new SkipClaim(
      `Claim ${ours.claimNumber} is billed to ${ours.payerName}; a replacement must go to the same payer, and this one goes to ${payer.name}.`,
    );
  }
  const source: AddressSource = {
    effectiveDate: f.billedDate,
    reason: `From claim file ${f.fileName}`,
  };
  const people = refreshPeople(ctx, account, claim, source);
  const coverage = ensureCoverage(
    ctx,
    account,
    payer,
    priorityOf(claim),
    claim,
    people.subscriberId,
  );

  const existing = db
    .prepare(`SELECT id, line_number AS lineNumber FROM claim_lines WHERE claim_id = ?`)
    .all(ours.id) as { id: number; lineNumber: number }[];
  const byNumber = new Map(existing.map((l) => [l.lineNumber, l.id]));
  const targets = new Map<number | null, { target: number; memo: string }>();
  const update = db.prepare(
    `UPDATE claim_lines SET service_date = ?, revenue_code = ?, procedure_code = ?, modifiers = ?,
       units = ?, charge = ?, removed_at = NULL WHERE id = ?`,
  );
  const insert = db.prepare(
    `INSERT INTO claim_lines (claim_id, line_number, service_date, revenue_code, procedure_code,
       modifiers, units, charge) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const l of claim.lines) {
    let id = byNumber.get(l.lineNumber);
    if (id === undefined) {
      id = Number(insert.run(ours.id, l.lineNumber, ...lineColumns(claim, l)).lastInsertRowid);
    } else {
      update.run(...lineColumns(claim, l), id);
      byNumber.delete(l.lineNumber);
    }
    targets.set(id, { target: l.charge, memo: chargeMemo(claim, l) });
  }
  const removed = [...byNumber.values()];
  const remove = db.prepare(
    `UPDATE claim_lines SET charge = 0, removed_at = ? WHERE id = ? AND removed_at IS NULL`,
  );
  for (const id of removed) {
    remove.run(now, id);
    targets.set(id, { target: 0, memo: '' });
  }
  const rows = chargeRows(ctx, ours.id);
  // charges posted on the claim rather than a line are folded into the lines' new charges
  if (rows.some((r) => r.claimLineId === null)) targets.set(null, { target: 0, memo: '' });
  const why = `replaced by claim file ${f.fileName}`;
  const entries: NewLedgerEntry[] = [];
  for (const [lineId, { target, memo }] of targets) {
    entries.push(
      ...chargeChange(
        rows.filter((r) => r.claimLineId === lineId),
        target,
        { accountId: account.id, claimId: ours.id, claimLineId: lineId, postingDate: today },
        memo,
        why,
      ),
    );
  }

  db.prepare(
    `UPDATE claims SET total_charge = ?, billed_date = ?, status = 'billed', voided_at = NULL,
       claim_type = ?, facility_code = ?, frequency_code = ?, diagnosis_codes = ?,
       prior_authorization = ?, referral_number = ?, statement_from = ?, statement_to = ?,
       billing_provider_npi = ?, fingerprint = ?, import_file_id = ?,
       payer_claim_number = coalesce(payer_claim_number, ?), coverage_id = coalesce(coverage_id, ?)
     WHERE id = ?`,
  ).run(
    claim.totalCharge,
    f.billedDate,
    ...claimColumns(claim, f, fingerprint),
    claim.payerClaimNumber,
    coverage.id,
    ours.id,
  );
  claimStatusFollowUp(ctx, account.id, ours.id, payer.name, f.billedDate);
  appendLedgerEntries(db, entries, { userId: ctx.userId, now, today });
  touchAccount(db, account.id);

  const change = sumCents(entries.map((e) => cents(e.amount)));
  const what = [
    `total ${formatCents(cents(ours.totalCharge))} → ${formatCents(claim.totalCharge)}`,
    `charges ${signed(change)}`,
    ...(removed.length > 0
      ? [`${removed.length} line${removed.length === 1 ? '' : 's'} removed`]
      : []),
    ...(coverage.changed ? ['coverage updated'] : []),
  ].join('; ');
  recordActivity(ctx, {
    accountId: account.id,
    claimId: ours.id,
    kind: 'system',
    text: `Replacement claim (frequency 7) from claim file ${f.fileName} updated claim ${ours.claimNumber}: ${what}. Billed again on ${formatUsDate(f.billedDate)}.`,
  });
  return {
    outcome: 'updated',
    claimNumber: ours.claimNumber,
    accountId: account.id,
    accountNumber: account.accountNumber,
    chargesPosted: change,
    message: `Replaced claim ${ours.claimNumber} (frequency 7): ${what}.`,
    accountCreated: false,
    peopleCreated: people.created,
    payerCreated: null,
  };
}

/**
 * A void (frequency 8): the claim is marked voided and its standing charges reversed, so
 * the balance the ledger gives drops with it. A claim the payer has already paid or
 * adjusted is left alone: those postings must be reversed first, or the void would leave
 * money on a claim that no longer exists.
 */
export function voidClaim(ctx: Ctx, f: FileContext, claim: Claim837, ours: OurClaim): Applied {
  const { db } = ctx;
  const today = ctx.clock.today();
  const now = ctx.clock.now();
  const account = ours.account;
  requireOpen(account);
  const other = db
    .prepare(`SELECT count(*) AS n FROM ledger_entries WHERE claim_id = ? AND kind <> 'charge'`)
    .get(ours.id) as { n: number };
  if (other.n > 0) {
    throw new SkipClaim(
      `Claim ${ours.claimNumber} has payments or adjustments posted; reverse them (or import the payer's recoupment) before voiding it.`,
    );
  }
  const why = `claim voided by claim file ${f.fileName}`;
  const entries = chargeRows(ctx, ours.id)
    .filter((r) => r.reversesId === null && r.reversedBy === null)
    .map((r) => reversalOf(r, account.id, ours.id, today, why));
  db.prepare(
    `UPDATE claims SET status = 'voided', voided_at = ?, frequency_code = ?, import_file_id = ?,
       payer_claim_number = coalesce(payer_claim_number, ?)
     WHERE id = ?`,
  ).run(now, claim.frequencyCode, f.importFileId, claim.payerClaimNumber, ours.id);
  closeSystemFollowUps(
    ctx,
    { accountId: account.id, claimId: ours.id, kind: 'claim_status' },
    'the claim was voided.',
  );
  appendLedgerEntries(db, entries, { userId: ctx.userId, now, today });
  touchAccount(db, account.id);
  const reversed = sumCents(entries.map((e) => cents(-e.amount)));
  recordActivity(ctx, {
    accountId: account.id,
    claimId: ours.id,
    kind: 'system',
    text: `Claim ${ours.claimNumber} voided (frequency 8) by claim file ${f.fileName}; charges of ${formatCents(reversed)} reversed.`,
  });
  return {
    outcome: 'voided',
    claimNumber: ours.claimNumber,
    accountId: account.id,
    accountNumber: account.accountNumber,
    chargesPosted: cents(-reversed),
    message: `Voided claim ${ours.claimNumber} (frequency 8); ${formatCents(reversed)} in charges reversed.`,
    accountCreated: false,
    peopleCreated: 0,
    payerCreated: null,
  };
}
