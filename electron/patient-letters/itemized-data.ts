import type { AccountId } from '../../shared/ids';
import type { IsoDate } from '../../shared/dates/iso-date';
import { cents, sumCents, type Cents } from '../../shared/money/cents';
import { all, one } from '../db/query';
import type { Db } from '../db/open';
import type { StatementData } from '../documents/statement-data';
import { loadStatementData } from '../statements/statement-data';
import { visitKind } from '../statements/visit-kind';

export interface ItemizedCharge {
  readonly date: IsoDate;
  readonly revenueCode: string;
  readonly procedureCode: string;
  readonly description: string;
  readonly units: number;
  readonly amount: Cents;
}

export interface ItemizedCredit {
  readonly date: IsoDate;
  /** Who paid or why it was adjusted, in words. */
  readonly source: string;
  readonly kind: 'Payment' | 'Adjustment' | 'Refund';
  /** As it moves the balance: payments and most adjustments are negative. */
  readonly amount: Cents;
}

/** Every charge, payment and adjustment on one account, and the balance they come to. */
export interface ItemizedBill {
  readonly header: Pick<
    StatementData,
    'facility' | 'billingOffice' | 'guarantor' | 'accountNumber' | 'statementDate'
  >;
  readonly patientName: string;
  readonly charges: readonly ItemizedCharge[];
  readonly credits: readonly ItemizedCredit[];
  /** The account's whole balance: the sum of every entry listed. */
  readonly balance: Cents;
  /** The part of it that is the patient's to pay. */
  readonly patientBalance: Cents;
}

interface EntryRow {
  kind: 'charge' | 'payment' | 'adjustment' | 'transfer' | 'refund';
  side: 'insurance' | 'patient';
  amount: number;
  date: IsoDate;
  serviceDate: IsoDate;
  revenueCode: string | null;
  procedureCode: string | null;
  modifiers: string | null;
  units: number | null;
  payerName: string | null;
  reasonCode: string | null;
}

function source(row: EntryRow): string {
  if (row.kind === 'refund')
    return row.side === 'patient' ? 'Refund to you' : 'Refund to insurance';
  if (row.kind === 'payment')
    return row.side === 'patient' ? 'Your payment' : (row.payerName ?? 'Insurance');
  const by = row.payerName ? `${row.payerName}: ` : '';
  if (row.side === 'insurance') return `${by}insurance adjustment`;
  return row.payerName ? `${by}adjustment to your share` : 'Adjustment to your share';
}

export function loadItemizedBill(
  db: Db,
  accountId: AccountId,
  today: IsoDate,
): ItemizedBill | null {
  const loaded = loadStatementData(db, accountId, today);
  if (!loaded) return null;
  const rows = all<EntryRow>(
    db,
    `SELECT le.kind, le.side, le.amount, le.posting_date AS date,
       coalesce(cl.service_date, le.posting_date) AS serviceDate,
       cl.revenue_code AS revenueCode, cl.procedure_code AS procedureCode, cl.modifiers,
       cl.units, p.name AS payerName, le.reason_code AS reasonCode
     FROM ledger_entries le
     LEFT JOIN claim_lines cl ON cl.id = le.claim_line_id
     LEFT JOIN payers p ON p.id = le.payer_id
     WHERE le.account_id = ?
     ORDER BY le.posting_date, le.id`,
    accountId,
  );
  const charges: ItemizedCharge[] = [];
  const credits: ItemizedCredit[] = [];
  for (const row of rows) {
    const amount = cents(row.amount);
    if (row.kind === 'charge') {
      const procedure = row.procedureCode
        ? `${row.procedureCode}${row.modifiers ? `-${row.modifiers.replaceAll(':', '-')}` : ''}`
        : '';
      charges.push({
        date: row.serviceDate,
        revenueCode: row.revenueCode ?? '',
        procedureCode: procedure,
        description: row.revenueCode ? visitKind([row.revenueCode]) : 'Hospital services',
        units: row.units ?? 1,
        amount,
      });
    } else if (row.kind !== 'transfer') {
      const kind =
        row.kind === 'payment' ? 'Payment' : row.kind === 'refund' ? 'Refund' : 'Adjustment';
      credits.push({ date: row.date, source: source(row), kind, amount });
    }
  }
  const transfers = sumCents(rows.filter((r) => r.kind === 'transfer').map((r) => cents(r.amount)));
  // a transfer moves a balance between insurance and the patient and nets to nothing; one that
  // does not is shown so the listed entries still add up to the balance
  if (transfers !== 0) {
    credits.push({
      date: today,
      source: 'Moved between insurance and you',
      kind: 'Adjustment',
      amount: transfers,
    });
  }
  const d = loaded.data;
  return {
    header: {
      facility: d.facility,
      billingOffice: d.billingOffice,
      guarantor: d.guarantor,
      accountNumber: d.accountNumber,
      statementDate: d.statementDate,
    },
    patientName:
      one<{ name: string }>(
        db,
        `SELECT pt.first_name || ' ' || pt.last_name AS name
         FROM accounts a JOIN people pt ON pt.id = a.patient_id WHERE a.id = ?`,
        accountId,
      )?.name ?? d.guarantor.name,
    charges,
    credits,
    balance: sumCents(rows.map((r) => cents(r.amount))),
    patientBalance: sumCents(rows.filter((r) => r.side === 'patient').map((r) => cents(r.amount))),
  };
}
