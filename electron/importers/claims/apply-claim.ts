import { insertedId, type AccountId, type ClaimId, type ClaimLineId } from '../../../shared/ids';
import { touchAccount } from '../../core/touched';
import { formatUsDate } from '../../../shared/dates/iso-date';
import { cents, sumCents, ZERO, type Cents } from '../../../shared/money/cents';
import { formatCents } from '../../../shared/money/format';
import type { Ctx } from '../../core/context';
import { recordActivity } from '../../activities/record';
import { closeSystemFollowUps } from '../../followups/system';
import { appendLedgerEntries, type NewLedgerEntry } from '../../ledger/ledger';
import type { Claim837 } from './claim-types';
import { findOrCreatePerson, guarantorRelationship, type AddressSource } from './people';
import { storeClaimProviders } from './claim-providers';
import {
  checkNewClaim,
  claimStatusFollowUp,
  createPayer,
  ensureCoverage,
  NEW_PAYER_APPEAL_WINDOW_DAYS,
  NEW_PAYER_TIMELY_FILING_DAYS,
  newClaimStatusFollowUp,
  refreshPeople,
  requireOpen,
  resolvePayer,
  type AccountRow,
} from './claim-account';
import {
  chargeMemo,
  claimColumns,
  lineColumns,
  lineDate,
  patientOf,
  priorityOf,
  serviceSpan,
  signed,
  SkipClaim,
  TYPE_LABEL,
  type Applied,
  type FileContext,
} from './claim-facts';
import { chargeChange, chargeRows, reversalOf, type OurClaim } from './our-claim';
import { all, oneOrThrow, prepare, run } from '../../db/query';
import { FACILITY_OF_NPI_SQL } from '../../facility/facility';

/**
 * A new claim: its people, account, coverage, providers, lines and charges, in the caller's
 * transaction. Every refusal is decided before the first write, in the order a person would
 * meet them, so a refused claim leaves nothing behind and needs no savepoint of its own. A new
 * account is billed under the facility whose NPI its billing provider (loop 2010AA) carries.
 */
export function addClaim(ctx: Ctx, f: FileContext, claim: Claim837, fingerprint: string): Applied {
  const { db } = ctx;
  const today = ctx.clock.today();
  const priority = priorityOf(claim);
  const pcn = claim.patientControlNumber;
  const { found, knownPayer, coverageOnFile } = checkNewClaim(ctx, claim, priority);
  // every line has a date of service, or the claim is refused here
  const span = serviceSpan(claim);

  const payer = knownPayer ?? createPayer(ctx, claim);
  const source: AddressSource = {
    effectiveDate: f.billedDate,
    reason: `From claim file ${f.fileName}`,
  };
  let peopleCreated = 0;
  let account: AccountRow;
  let subscriberId: number;
  if (found) {
    account = found;
    const refreshed = refreshPeople(ctx, account, claim, source);
    subscriberId = refreshed.subscriberId;
    peopleCreated += refreshed.created;
  } else {
    const patient = findOrCreatePerson(ctx, patientOf(claim), source);
    const guarantor = claim.patient ? findOrCreatePerson(ctx, claim.subscriber, source) : patient;
    peopleCreated += (patient.created ? 1 : 0) + (claim.patient && guarantor.created ? 1 : 0);
    subscriberId = guarantor.id;
    const id = insertedId<AccountId>(
      run(
        db,
        `INSERT INTO accounts (account_number, patient_id, guarantor_id, guarantor_relationship,
             service_date, discharge_date, financial_class, status, created_at, facility_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ${FACILITY_OF_NPI_SQL})`,
        pcn,
        patient.id,
        guarantor.id,
        guarantorRelationship(claim),
        span.from,
        claim.claimType === 'institutional' && span.to > span.from ? span.to : null,
        payer.financialClass,
        ctx.clock.now(),
        claim.billingProvider.npi,
      ),
    );
    account = {
      id,
      accountNumber: pcn,
      status: 'open',
      patientId: patient.id,
      guarantorId: guarantor.id,
    };
  }
  const coverage = ensureCoverage(
    ctx,
    account,
    payer,
    priority,
    claim,
    subscriberId,
    coverageOnFile,
  );
  const accountCreated = !found;

  const claimId = insertedId<ClaimId>(
    run(
      db,
      `INSERT INTO claims (claim_number, account_id, coverage_id, payer_id, billed_date, status,
           total_charge, created_at, claim_type, facility_code, frequency_code, diagnosis_codes,
           prior_authorization, referral_number, statement_from, statement_to,
           billing_provider_npi, fingerprint, import_file_id)
         VALUES (?, ?, ?, ?, ?, 'billed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      pcn,
      account.id,
      coverage.id,
      payer.id,
      f.billedDate,
      claim.totalCharge,
      ctx.clock.now(),
      ...claimColumns(claim, f, fingerprint),
    ),
  );
  const insertLine = prepare(
    db,
    `INSERT INTO claim_lines (claim_id, line_number, service_date, revenue_code, procedure_code,
       modifiers, units, charge) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const entries: NewLedgerEntry[] = [];
  for (const l of claim.lines) {
    const lineId = insertedId<ClaimLineId>(
      insertLine.run(claimId, l.lineNumber, ...lineColumns(claim, l)),
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
  storeClaimProviders(db, claimId, claim);
  appendLedgerEntries(db, entries, { userId: ctx.userId, now: ctx.clock.now(), today });
  // after the charges, so that it goes in with the account's balance as it ends up
  newClaimStatusFollowUp(ctx, account.id, claimId, payer.name, f.billedDate);
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

  const existing = all<{ id: ClaimLineId; lineNumber: number }>(
    db,
    `SELECT id, line_number AS lineNumber FROM claim_lines WHERE claim_id = ?`,
    ours.id,
  );
  const byNumber = new Map(existing.map((l) => [l.lineNumber, l.id]));
  const targets = new Map<ClaimLineId | null, { target: Cents; memo: string }>();
  const update = prepare(
    db,
    `UPDATE claim_lines SET service_date = ?, revenue_code = ?, procedure_code = ?, modifiers = ?,
       units = ?, charge = ?, removed_at = NULL WHERE id = ?`,
  );
  const insert = prepare(
    db,
    `INSERT INTO claim_lines (claim_id, line_number, service_date, revenue_code, procedure_code,
       modifiers, units, charge) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const l of claim.lines) {
    let id = byNumber.get(l.lineNumber);
    if (id === undefined) {
      id = insertedId<ClaimLineId>(insert.run(ours.id, l.lineNumber, ...lineColumns(claim, l)));
    } else {
      update.run(...lineColumns(claim, l), id);
      byNumber.delete(l.lineNumber);
    }
    targets.set(id, { target: l.charge, memo: chargeMemo(claim, l) });
  }
  const removed = [...byNumber.values()];
  const remove = prepare(
    db,
    `UPDATE claim_lines SET charge = 0, removed_at = ? WHERE id = ? AND removed_at IS NULL`,
  );
  for (const id of removed) {
    remove.run(now, id);
    targets.set(id, { target: ZERO, memo: '' });
  }
  const rows = chargeRows(ctx, ours.id);
  // charges posted on the claim rather than a line are folded into the lines' new charges
  if (rows.some((r) => r.claimLineId === null)) targets.set(null, { target: ZERO, memo: '' });
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

  run(
    db,
    `UPDATE claims SET total_charge = ?, billed_date = ?, status = 'billed', voided_at = NULL,
       claim_type = ?, facility_code = ?, frequency_code = ?, diagnosis_codes = ?,
       prior_authorization = ?, referral_number = ?, statement_from = ?, statement_to = ?,
       billing_provider_npi = ?, fingerprint = ?, import_file_id = ?,
       payer_claim_number = coalesce(payer_claim_number, ?), coverage_id = coalesce(coverage_id, ?)
     WHERE id = ?`,
    claim.totalCharge,
    f.billedDate,
    ...claimColumns(claim, f, fingerprint),
    claim.payerClaimNumber,
    coverage.id,
    ours.id,
  );
  storeClaimProviders(db, ours.id, claim);
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
 * A void (frequency 8): the claim is marked voided and its standing charges reversed, so the
 * ledger balance drops with it. A claim the payer has paid or adjusted is left alone: those
 * postings must be reversed first, or the void would leave money on a claim that is gone.
 */
export function voidClaim(ctx: Ctx, f: FileContext, claim: Claim837, ours: OurClaim): Applied {
  const { db } = ctx;
  const today = ctx.clock.today();
  const now = ctx.clock.now();
  const account = ours.account;
  requireOpen(account);
  const other = oneOrThrow<{ n: number }>(
    db,
    `SELECT count(*) AS n FROM ledger_entries WHERE claim_id = ? AND kind <> 'charge'`,
    ours.id,
  );
  if (other.n > 0) {
    throw new SkipClaim(
      `Claim ${ours.claimNumber} has payments or adjustments posted; reverse them (or import the payer's recoupment) before voiding it.`,
    );
  }
  const why = `claim voided by claim file ${f.fileName}`;
  const entries = chargeRows(ctx, ours.id)
    .filter((r) => r.reversesId === null && r.reversedBy === null)
    .map((r) => reversalOf(r, account.id, ours.id, today, why));
  run(
    db,
    `UPDATE claims SET status = 'voided', voided_at = ?, frequency_code = ?, import_file_id = ?,
       payer_claim_number = coalesce(payer_claim_number, ?)
     WHERE id = ?`,
    now,
    claim.frequencyCode,
    f.importFileId,
    claim.payerClaimNumber,
    ours.id,
  );
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
