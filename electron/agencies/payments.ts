import { createHash } from 'node:crypto';
import type { Agency, AgencyPaymentsResult } from '../../shared/api/agencies';
import type { ParsedInputOf } from '../../shared/api/contract';
import { formatUsDate, readUsDate, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId, ReceiptId } from '../../shared/ids';
import { cents, negate, sumCents, type Cents } from '../../shared/money/cents';
import { formatCents, parseMoney } from '../../shared/money/format';
import { plural } from '../../shared/text/count';
import { recordActivity } from '../activities/record';
import { recoverBadDebt } from '../bad-debt/recovery';
import type { Ctx } from '../core/context';
import { touchAccount } from '../core/touched';
import { one, run } from '../db/query';
import { appendLedgerEntries } from '../ledger/ledger';
import { requireReason } from '../posting/adjustment';
import { allocateOldestFirst } from '../posting/allocate-patient';
import { insertReceipt } from '../posting/receipts';
import { refuseWaitingAgency } from '../office/held-agencies';
import { requireAgency } from './agencies';
import { ACCOUNT_NAMES, readAgencyFile, refuseRows, type RowProblem } from './agency-file';

const FIELDS = {
  account: { label: 'the account number', names: ACCOUNT_NAMES },
  date: {
    label: 'the date paid',
    names: ['date', 'paymentdate', 'paidon', 'datepaid', 'transactiondate'],
  },
  amount: { label: 'the amount', names: ['amount', 'paymentamount', 'amountpaid', 'collected'] },
  reference: {
    label: 'the reference',
    names: ['reference', 'ref', 'ref#', 'referencenumber', 'transaction', 'transactionid'],
  },
};

/** The adjustment reason the commission of a gross agency posts under (migration 28). */
export const COMMISSION_REASON = 'AGENCY_COMMISSION';

/** The agency's share of what the patient paid it, half a cent and up rounded up. */
export function commissionOf(gross: Cents, bps: number): Cents {
  return cents(Math.floor((gross * bps + 5_000) / 10_000));
}

interface PaymentRow {
  rowNumber: number;
  accountId: AccountId;
  account: { id: AccountId; status: string };
  accountNumber: string;
  placementId: number;
  paidOn: IsoDate;
  gross: Cents;
  reference: string;
}

function readRows(ctx: Ctx, agency: Agency, text: string) {
  const file = readAgencyFile(text, FIELDS);
  const today = ctx.clock.today();
  const problems: RowProblem[] = [];
  const rows: PaymentRow[] = [];
  let alreadyPosted = 0;
  const references = new Map<string, number>();
  for (const row of file.rows) {
    const path = `row ${row.rowNumber}`;
    const said: string[] = [];
    const number = file.cell(row, 'account');
    const reference = file.cell(row, 'reference');
    const date = readUsDate(file.cell(row, 'date'));
    const amount = parseMoney(file.cell(row, 'amount'));
    if (!date.ok) said.push(`the date "${file.cell(row, 'date')}" ${date.problem}.`);
    else if (date.date > today) said.push(`the date ${formatUsDate(date.date)} is in the future.`);
    if (amount === null) said.push(`the amount "${file.cell(row, 'amount')}" is not an amount.`);
    else if (amount <= 0) said.push('the amount must be more than $0.00.');
    if (reference === '') said.push('no reference.');
    else if (reference.length > 60) said.push('the reference is longer than 60 characters.');
    else {
      const earlier = references.get(reference);
      if (earlier !== undefined) said.push(`reference ${reference} is already on row ${earlier}.`);
      else references.set(reference, row.rowNumber);
    }
    const account = one<{ id: AccountId; status: string }>(
      ctx.db,
      `SELECT id, status FROM accounts WHERE account_number = ?`,
      number,
    );
    const placement =
      account && date.ok
        ? one<{ id: number }>(
            ctx.db,
            `SELECT id FROM agency_placements WHERE account_id = ? AND agency_id = ?
               AND placed_on <= ? ORDER BY placed_on DESC, id DESC LIMIT 1`,
            account.id,
            agency.id,
            date.date,
          )
        : undefined;
    if (number === '') said.push('no account number.');
    else if (!account) said.push(`no account ${number}.`);
    else if (account.status === 'closed') {
      said.push(`account ${number} is closed; nothing can be posted to it.`);
    } else if (date.ok && !placement) {
      said.push(
        `account ${number} was not placed with ${agency.name} on ${formatUsDate(date.date)}.`,
      );
    }
    if (said.length > 0) {
      problems.push({ path, message: `Row ${row.rowNumber}: ${said.join(' ')}` });
      continue;
    }
    if (!account || !placement || !date.ok || amount === null) continue;
    const posted = one(
      ctx.db,
      `SELECT 1 AS x FROM agency_payments WHERE agency_id = ? AND reference = ?`,
      agency.id,
      reference,
    );
    if (posted) {
      alreadyPosted += 1;
      continue;
    }
    rows.push({
      rowNumber: row.rowNumber,
      accountId: account.id,
      account,
      accountNumber: number,
      placementId: placement.id,
      paidOn: date.date,
      gross: amount,
      reference,
    });
  }
  refuseRows(problems, file.rows.length, 'posted');
  return { rows, alreadyPosted, count: file.rows.length };
}

/**
 * Posts one row: what the agency sent as a patient payment (with its receipt), and for a
 * gross agency the commission it kept as a separate adjustment, so the account is credited
 * all the patient paid. A net agency's account is credited only what was sent.
 */
function postRow(ctx: Ctx, agency: Agency, fileId: number, r: PaymentRow): Cents {
  const by = { userId: ctx.userId, now: ctx.clock.now(), today: ctx.clock.today() };
  const commission = commissionOf(r.gross, agency.commissionBps);
  const sent = cents(r.gross - commission);
  const reference = `${agency.name} ${r.reference}`;
  let receiptId: ReceiptId | null = null;
  // a gross agency credits the account all the patient paid, a net one what it sent
  const gross = agency.remittance === 'gross' && commission > 0;
  if (sent > 0) {
    receiptId = insertReceipt(ctx, {
      batchId: null,
      accountId: r.accountId,
      kind: 'patient_payment',
      method: 'eft',
      reference,
      amount: sent,
      receivedDate: r.paidOn,
      memo: `Collection agency payment, ${agency.name}`,
    });
    // on a bad-debt account what the agency collected is a recovery, put back first
    recoverBadDebt(ctx, r.account, gross ? r.gross : sent, r.paidOn, receiptId, {
      from: 'agency',
    });
    appendLedgerEntries(
      ctx.db,
      allocateOldestFirst(ctx.db, r.accountId, sent).map((a) => ({
        accountId: r.accountId,
        claimId: a.claimId,
        kind: 'payment' as const,
        side: 'patient' as const,
        amount: negate(a.amount),
        postingDate: r.paidOn,
        reference,
        memo: `Collection agency payment, ${agency.name}`,
        receiptId,
      })),
      by,
    );
  }
  if (gross) {
    const reason = requireReason(ctx.db, COMMISSION_REASON);
    appendLedgerEntries(
      ctx.db,
      allocateOldestFirst(ctx.db, r.accountId, commission).map((a) => ({
        accountId: r.accountId,
        claimId: a.claimId,
        kind: 'adjustment' as const,
        side: 'patient' as const,
        amount: negate(a.amount),
        postingDate: r.paidOn,
        reference,
        reasonCode: reason.code,
        memo: `${reason.label}: ${agency.name} kept ${formatCents(commission)} of ${formatCents(r.gross)}`,
      })),
      by,
    );
  }
  run(
    ctx.db,
    `INSERT INTO agency_payments (file_id, agency_id, placement_id, account_id, paid_on,
         reference, gross, commission, remittance, receipt_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    fileId,
    agency.id,
    r.placementId,
    r.accountId,
    r.paidOn,
    r.reference,
    r.gross,
    commission,
    agency.remittance,
    receiptId,
  );
  const kept = `${agency.name} reports ${formatCents(r.gross)} paid on ${formatUsDate(r.paidOn)} (reference ${r.reference}); it kept ${formatCents(commission)} commission and sent ${formatCents(sent)}.`;
  recordActivity(ctx, {
    accountId: r.accountId,
    kind: 'system',
    text: gross
      ? `${kept} Posted gross: a ${formatCents(sent)} payment and a ${formatCents(commission)} commission adjustment.`
      : `${kept} Posted ${agency.remittance === 'net' ? 'net' : 'gross'}: a ${formatCents(sent)} payment.`,
  });
  touchAccount(ctx.db, r.accountId);
  return commission;
}

/**
 * An agency's payment file (account number, date paid, amount the patient paid, reference).
 * Every row is checked before anything posts; a row with a problem refuses the whole file,
 * naming each. A reference posted before for this agency posts nothing again, so the same
 * file imported twice posts nothing the second time and says so.
 */
export function importAgencyPayments(
  ctx: Ctx,
  input: ParsedInputOf<'importAgencyPayments'>,
): AgencyPaymentsResult {
  const agency = requireAgency(ctx.db, input.agencyId);
  refuseWaitingAgency(ctx.db, agency.id, 'post');
  const { rows, alreadyPosted, count } = readRows(ctx, agency, input.text);
  if (rows.length === 0) {
    return {
      fileId: null,
      posted: 0,
      alreadyPosted,
      gross: cents(0),
      commission: cents(0),
      accountIds: [],
      message: `Every row of ${input.fileName} was posted before; nothing was posted again.`,
    };
  }
  const gross = sumCents(rows.map((r) => r.gross));
  const fileId = Number(
    run(
      ctx.db,
      `INSERT INTO agency_payment_files (agency_id, file_name, sha256, row_count, gross,
           commission, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, 0, ?, ?)`,
      agency.id,
      input.fileName,
      createHash('sha256').update(input.text).digest('hex'),
      count,
      gross,
      ctx.clock.now(),
      ctx.userId,
    ).lastInsertRowid,
  );
  const commission = sumCents(rows.map((r) => postRow(ctx, agency, fileId, r)));
  run(ctx.db, `UPDATE agency_payment_files SET commission = ? WHERE id = ?`, commission, fileId);
  const skipped =
    alreadyPosted > 0 ? ` ${plural(alreadyPosted, 'row')} posted before were left alone.` : '';
  return {
    fileId,
    posted: rows.length,
    alreadyPosted,
    gross,
    commission,
    accountIds: [...new Set(rows.map((r) => r.accountId))],
    message: `${plural(rows.length, 'payment')} from ${agency.name} posted: ${formatCents(gross)} paid, ${formatCents(commission)} commission.${skipped}`,
  };
}
