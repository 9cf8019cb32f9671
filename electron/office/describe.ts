import { CONTACT_RESTRICTION } from '../../shared/api/contact';
import { COLLECTION_HOLD, STATEMENT_HOLD } from '../../shared/api/statements';
import { MONEY_RULES, RULE_LABELS } from '../../shared/api/rules';
import { FOLLOW_UP_KIND } from '../../shared/codes/enums';
import { APPEAL_LEVEL, DENIAL_RESOLUTION, DENIAL_STATE } from '../../shared/codes/denials';
import { formatUsDate, isoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { PLACEMENT_COLUMN, REMITTANCE } from '../../shared/api/agencies';
import { percentText } from '../../shared/money/basis-points';
import { storedColumns } from '../agencies/agencies';
import { REQUEST_NOUN } from '../approvals/nouns';
import type { Change, ReceiptRow, ServerRow } from './wire';
import type { AgencyRow } from './wire-collections';
import type { AdjustmentRequestRow } from './wire-requests';
import { isChangeableChange, type ChangeableTable } from './record-columns';

/** A synced row in a sentence: the server's reasons and the not-synced list both say it. */
export function describeRow(r: ServerRow | Change): string {
  if ('op' in r && r.op === 'update' && isChangeableChange(r)) return describeChange(r);
  switch (r.tbl) {
    case 'receipts':
      return describeReceipt(r.row);
    case 'facilities':
      return `New facility ${r.row.name}${r.row.npi ? ` (NPI ${r.row.npi})` : ''}.`;
    case 'payers':
      return `New payer ${r.row.name} (${r.row.payerCode}).`;
    case 'people':
      return `New person ${r.row.lastName}, ${r.row.firstName}.`;
    case 'accounts':
      return `New account ${r.row.accountNumber}.`;
    case 'claims':
      return `New claim ${r.row.claimNumber} for ${formatCents(cents(r.row.totalCharge))}.`;
    case 'deposit_batches':
      return `New deposit batch of ${formatUsDate(isoDate(r.row.depositDate))} expecting ${formatCents(cents(r.row.expectedTotal))}.`;
    case 'bad_debt_moves':
      return `Moved ${formatCents(cents(r.row.amount))} to bad debt on ${formatUsDate(isoDate(r.row.movedOn))}.`;
    case 'agencies':
      return `New collection agency ${r.row.name}.`;
    case 'agency_payments':
      return `Agency payment ${r.row.reference} of ${formatCents(cents(r.row.gross))} paid on ${formatUsDate(isoDate(r.row.paidOn))}.`;
    case 'agency_placements':
      return `Placed with an agency on ${formatUsDate(isoDate(r.row.placedOn))} with ${formatCents(cents(r.row.balancePlaced))}.`;
    case 'document_sendings':
      return `Marked sent on ${formatUsDate(isoDate(r.row.sentDate))}.`;
    case 'batch_closings':
      return `Deposit batch closed at ${formatCents(cents(r.row.expectedTotal))}.`;
    case 'assistance_applications':
      return `Financial-assistance application received ${formatUsDate(isoDate(r.row.receivedOn))}.`;
    case 'eca_notices':
      return `Notice of extraordinary collection actions sent ${formatUsDate(isoDate(r.row.sentOn))}: none before ${formatUsDate(isoDate(r.row.deadline))}.`;
    case 'denials':
      return `Denial of ${formatCents(cents(r.row.amount))} (${r.row.codes}), appeal by ${formatUsDate(isoDate(r.row.deadlineDate))}.`;
    case 'contact_restrictions':
      return `${CONTACT_RESTRICTION.labels[r.row.kind]} on ${formatUsDate(isoDate(r.row.effectiveDate))} recorded.`;
    case 'collection_holds':
      return `Statements held: ${COLLECTION_HOLD.labels[r.row.kind].toLowerCase()}.`;
    case 'statement_hold_releases':
      return `Statement hold released for the next statement: ${labelOf(STATEMENT_HOLD.labels, r.row.hold)}.`;
    case 'payment_plans':
      return `Payment plan of ${formatCents(cents(r.row.monthlyAmount))} a month from ${formatUsDate(isoDate(r.row.firstDueDate))}.`;
    case 'promises':
      return `${r.row.kind === 'promise' ? 'Promise to pay' : 'Credit extension'}: ${formatCents(cents(r.row.amount))} by ${formatUsDate(isoDate(r.row.dueDate))}.`;
    case 'billing_rules': {
      const { key, value } = r.row;
      const shown = MONEY_RULES.has(key) ? formatCents(cents(value)) : String(value);
      return `Billing rule “${RULE_LABELS[key]}” set to ${shown}.`;
    }
    case 'letterhead': {
      // what a patient reads to pay and to ask for help, the address lines on one line
      const { name, remitTo, assistancePhone } = r.row;
      const remit = remitTo ? `remit to ${remitTo.split('\n').join(', ')}` : 'no remit-to address';
      const help = assistancePhone
        ? `financial-assistance phone ${assistancePhone}`
        : 'no financial-assistance phone';
      return `Letterhead of ${name} saved: ${remit}; ${help}.`;
    }
    case 'adjustment_requests':
      return `${requestOf(r.row)} asked for, waiting for a supervisor's approval.`;
    case 'dunning_stages':
      return `Statement ${r.row.statementsSent} of the cycle sent${r.row.lastStatementDate ? ` ${formatUsDate(isoDate(r.row.lastStatementDate))}` : ''}.`;
    case 'follow_ups':
      break;
    default:
      return 'it was changed.';
  }
  const f = r.row;
  const label = (FOLLOW_UP_KIND.labels as Record<string, string>)[f.kind] ?? 'Follow-up';
  if (f.status === 'open') return `${label} due ${formatUsDate(isoDate(f.dueDate))}.`;
  return `${label} ${f.status === 'done' ? 'completed' : 'cancelled'}${f.completedAt ? ` on ${formatUsDate(isoDate(f.completedAt.slice(0, 10)))}` : ''}.`;
}

const RECEIPT_KIND: Record<ReceiptRow['kind'], string> = {
  patient_payment: 'payment',
  insurance_payment: "payer's payment",
  refund: 'refund',
};

function describeReceipt(r: ReceiptRow): string {
  const amount = formatCents(cents(Math.abs(r.amount)));
  const on = formatUsDate(isoDate(r.receivedDate));
  const what = RECEIPT_KIND[r.kind];
  if (r.reversesGid !== null) return `Reversal of a ${amount} ${what} on ${on}.`;
  const verb = r.kind === 'refund' ? 'paid back' : 'received';
  return `${what.charAt(0).toUpperCase()}${what.slice(1)} of ${amount} (${r.method}) ${verb} ${on}.`;
}

const labelOf = (labels: Readonly<Record<string, string>>, key: string) =>
  (labels[key] ?? key).toLowerCase();

/**
 * A change to a denial carries the whole row, not the row it started from: which of its
 * state, level, resolution or deadline this desktop moved (a person's step, a payment, the
 * payer's new window) cannot be told from it, so the line says where this desktop had left
 * each rather than naming one as set.
 */
function describeDenialChange(r: Extract<Change, { tbl: 'denials' }>['row']): string {
  const state = labelOf(DENIAL_STATE.labels, r.state);
  const resolution = r.resolution ? ` (${labelOf(DENIAL_RESOLUTION.labels, r.resolution)})` : '';
  const level = labelOf(APPEAL_LEVEL.labels, r.appealLevel);
  return `Change to the denial of ${formatCents(cents(r.amount))}; this desktop had it ${state}${resolution}, ${level}, appeal by ${formatUsDate(isoDate(r.deadlineDate))}.`;
}

/** An application's progress as this desktop had left it. */
function describeApplicationChange(r: Extract<Change, { tbl: 'assistance_applications' }>['row']) {
  const received = formatUsDate(isoDate(r.receivedOn));
  if (r.status === 'eligible') {
    return `Financial-assistance application of ${received} decided: eligible, ${formatCents(cents(r.discountedAmount ?? 0))} owed.`;
  }
  if (r.status === 'ineligible') {
    return `Financial-assistance application of ${received} decided: not eligible.`;
  }
  return `Financial-assistance application of ${received} set to ${r.status}.`;
}

/**
 * An agency as its edit left it, every field Settings has: the refused edit is redone from
 * this, and the list cannot tell which field the supervisor changed.
 */
export function describeAgency(r: AgencyRow): string {
  const layout = storedColumns(r.columns)
    .map((c) => PLACEMENT_COLUMN.labels[c])
    .join(', ');
  return [
    `Collection agency ${r.name} changed: ${percentText(r.commissionBps)}% commission`,
    `remittance ${REMITTANCE.labels[r.remittance].toLowerCase()}`,
    `contact ${r.contact ?? 'none'}`,
    `placement file ${layout}`,
    r.active ? 'taking new accounts.' : 'taking no new accounts.',
  ].join('; ');
}

/** A request as the history names it: "Write-off of $600.00". */
const requestOf = (r: AdjustmentRequestRow) =>
  `${REQUEST_NOUN[r.kind]} of ${formatCents(cents(r.amount))}`;

/** A request's decision as this desktop made it. */
function describeDecision(r: AdjustmentRequestRow): string {
  if (r.status === 'approved') return `${requestOf(r)} approved and posted.`;
  if (r.status === 'rejected') return `${requestOf(r)} refused: ${r.decisionNote ?? ''}`.trim();
  return `${requestOf(r)} waiting for approval.`;
}

/** A change to an earlier record, as the not-synced list says it. */
function describeChange(c: Extract<Change, { tbl: ChangeableTable }>): string {
  switch (c.tbl) {
    case 'facilities':
      // both fields Settings has: the list cannot tell which one the supervisor changed
      return `Facility ${c.row.name} changed: NPI ${c.row.npi ?? 'none'}.`;
    case 'claims':
      return `Claim ${c.row.claimNumber} set to ${c.row.status}.`;
    case 'people':
      return `Details of ${c.row.lastName}, ${c.row.firstName} changed.`;
    case 'payers':
      return `Payer ${c.row.name} (${c.row.payerCode}) changed.`;
    case 'accounts':
      return `Account ${c.row.accountNumber} set to ${c.row.status.replaceAll('_', ' ')} (${c.row.financialClass}).`;
    case 'coverages':
      return `Coverage changed: member ID ${c.row.memberId}.`;
    case 'denials':
      return describeDenialChange(c.row);
    case 'contact_restrictions':
      return `${CONTACT_RESTRICTION.labels[c.row.kind]} on ${formatUsDate(isoDate(c.row.effectiveDate))} lifted: ${c.row.liftReason ?? ''}`.trim();
    case 'collection_holds':
      return `Statement hold closed: ${COLLECTION_HOLD.labels[c.row.kind].toLowerCase()}.`;
    case 'assistance_applications':
      return describeApplicationChange(c.row);
    case 'extraordinary_actions':
      return `Collection action (${c.row.action.replaceAll('_', ' ')}) reversed: ${c.row.reversalReason ?? ''}`.trim();
    case 'agency_placements':
      return `Recalled from its agency on ${formatUsDate(isoDate(c.row.recalledOn ?? c.row.placedOn))}: ${c.row.recallReason ?? ''}`.trim();
    case 'payment_plans':
      // an ending, or new charges joining it (its schedule, whole)
      if (c.row.status === 'active') {
        return `Payment plan of ${formatCents(cents(c.row.monthlyAmount))} a month now has ${c.row.installments.length} installments.`;
      }
      return `Change to the payment plan of ${formatCents(cents(c.row.monthlyAmount))} a month; this desktop had it ${c.row.status.replace('_', ' ')}${c.row.endReason ? ` (${c.row.endReason})` : ''}.`;
    case 'agencies':
      return describeAgency(c.row);
    case 'claim_lines':
      return c.row.removedAt === null
        ? `Claim line ${c.row.lineNumber} set to ${c.row.procedureCode ?? c.row.revenueCode ?? 'no code'} for ${formatCents(cents(c.row.charge))}.`
        : `Claim line ${c.row.lineNumber} removed by a replacement claim.`;
    case 'adjustment_requests':
      return describeDecision(c.row);
    case 'bad_debt_moves':
      // a move still standing changed only by what was recovered on it (a payment, or its reversal)
      if (c.row.undoneAt === null) {
        return `Bad debt of ${formatCents(cents(c.row.amount))}: ${formatCents(cents(c.row.recovered))} recovered.`;
      }
      return `Bad debt of ${formatCents(cents(c.row.amount))} undone: ${c.row.undoReason ?? ''}`.trim();
  }
}
