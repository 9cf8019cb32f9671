import type { NewLedgerEntry } from '../ledger/ledger';

/**
 * The ledger's day sums (ledger_day_totals), added up as a build that has dropped the
 * `ledger_entries_day_totals` trigger writes the ledger: the same keys and sums the trigger
 * would have written, rows in the order of each sum's first entry, as the trigger makes
 * them. A Map in JavaScript instead of a GROUP BY over millions of rows at the end.
 */
interface Sum {
  key: unknown[];
  amount: number;
  entries: number;
}

export class DayTotals {
  private readonly sums = new Map<string, Sum>();

  add(
    e: NewLedgerEntry,
    account: { facilityId: unknown; financialClass: unknown },
    createdBy: number,
  ): void {
    // the trigger looks the method up from the receipt; the demo posts no receipts
    if (e.receiptId != null) throw new Error('DayTotals: entries with receipts are not summed');
    const money = e.kind === 'payment' || e.kind === 'refund';
    const payerId = money ? (e.payerId ?? 0) : 0;
    const by = money ? createdBy : 0;
    const { facilityId, financialClass } = account;
    const key = `${e.postingDate}|${String(facilityId)}|${String(financialClass)}|${e.kind}|${e.side}|${payerId}|${by}`;
    const sum = this.sums.get(key);
    if (sum) {
      sum.amount += e.amount;
      sum.entries++;
    } else {
      const row = [e.postingDate, facilityId, financialClass, e.kind, e.side, payerId, '', by];
      this.sums.set(key, { key: row, amount: e.amount, entries: 1 });
    }
  }

  /** The sums as ledger_day_totals' rows (DAY_TOTALS_COLUMNS), in the order each was first added. */
  rows(): unknown[] {
    const values: unknown[] = [];
    for (const s of this.sums.values()) values.push(...s.key, s.amount, s.entries);
    return values;
  }
}

export const DAY_TOTALS_COLUMNS = [
  'posting_date',
  'facility_id',
  'financial_class',
  'kind',
  'side',
  'payer_id',
  'method',
  'created_by',
  'amount',
  'entries',
];
