import type { ParsedInputOf } from '../../shared/api/contract';
import type { PdfFile } from '../../shared/api/documents';
import { RETURNED_CHECK_REASON } from '../../shared/api/returned-checks';
import { BATCH_SOURCE, PAYMENT_METHOD } from '../../shared/codes/enums';
import { formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import { sumCents, type Cents } from '../../shared/money/cents';
import type { Report, ReportCell } from '../../shared/reports/model';
import type { ReadCtx } from '../core/context';
import { all } from '../db/query';
import { renderReportPdf } from '../reports/pdf';
import { getCashSummary } from './batches';
import { batchNumberSql } from './number';
import { RECEIPTS_OF_THE_DAY } from './summary';

interface CheckRow {
  checkNumber: string | null;
  payerName: string | null;
  accountNumber: string;
  batchNumber: string | null;
  amount: Cents;
  /** 'returned' when the bank sent the check back, 'reversed' for any other reversal. */
  reversal: 'returned' | 'reversed' | null;
}

const REVERSAL_NOTE = {
  returned: ', returned by the bank',
  reversed: ', reversed',
  none: '',
} as const;

/** Every check counted in the day's totals: payments, and the reversals that cancel one. */
function checksOf(ctx: ReadCtx, date: IsoDate): CheckRow[] {
  return all<CheckRow>(
    ctx.db,
    `SELECT r.check_number AS checkNumber, py.name AS payerName,
        a.account_number AS accountNumber,
        CASE WHEN r.batch_id IS NOT NULL THEN ${batchNumberSql('b')} END AS batchNumber, r.amount,
        CASE WHEN rc.id IS NOT NULL THEN 'returned'
             WHEN r.reverses_id IS NOT NULL THEN 'reversed' END AS reversal
       FROM receipts r JOIN accounts a ON a.id = r.account_id
       LEFT JOIN payers py ON py.id = r.payer_id
       LEFT JOIN deposit_batches b ON b.id = r.batch_id
       LEFT JOIN returned_checks rc ON rc.reversal_receipt_id = r.id
      WHERE r.method = 'check' AND r.kind <> 'refund' AND ${RECEIPTS_OF_THE_DAY}
      ORDER BY r.batch_id IS NULL, r.batch_id, r.id`,
    date,
    date,
  );
}

/**
 * The day's deposit as a report, for the bank and the supervisor: each batch against what
 * was deposited, the money by method, every check, and the checks the bank returned. Its
 * figures are the cash summary's own, so the slip and the screen agree to the cent. A
 * patient's name stays off it: a check is named by its number and the account it paid.
 */
export function depositSlip(ctx: ReadCtx, date: IsoDate): Report {
  const day = getCashSummary(ctx, { date });
  const checks = checksOf(ctx, date);
  const checksTotal = sumCents(checks.map((c) => c.amount));
  // the checks table's Batch column is narrow: the number alone, which an office's keeps whole
  const batch = (number: string | null) => number ?? 'No batch';
  const returned = day.returnedChecks;
  const label = `Deposit slip for ${formatUsDate(date)}`;
  return {
    id: 'cash',
    title: label,
    asOf: ctx.clock.today(),
    filtersUsed: [{ label: 'Deposit date', value: formatUsDate(date) }],
    figures: [
      { label: 'Total received', kind: 'money', value: day.total },
      { label: 'Batches', kind: 'count', value: day.batches.length },
      { label: 'Batches still open', kind: 'count', value: day.openBatches },
      { label: 'Posted outside any batch', kind: 'money', value: day.unbatchedTotal },
    ],
    tables: [
      {
        id: 'batches',
        title: 'Batches',
        columns: [
          { key: 'batch', label: 'Batch', kind: 'text' },
          { key: 'source', label: 'Source', kind: 'text' },
          { key: 'status', label: 'Status', kind: 'text' },
          { key: 'expected', label: 'Expected', kind: 'money' },
          { key: 'posted', label: 'Posted', kind: 'money' },
          { key: 'difference', label: 'Difference', kind: 'money' },
        ],
        rows: day.batches.map((b): ReportCell[] => [
          b.description ? `Batch ${b.number} · ${b.description}` : `Batch ${b.number}`,
          BATCH_SOURCE.labels[b.source],
          b.status === 'open' ? 'Open' : 'Closed',
          b.expectedTotal,
          b.postedTotal,
          b.difference,
        ]),
        empty: 'No batches have this deposit date.',
        total: day.batches.length
          ? [
              'Total',
              '',
              '',
              sumCents(day.batches.map((b) => b.expectedTotal)),
              sumCents(day.batches.map((b) => b.postedTotal)),
              sumCents(day.batches.map((b) => b.difference)),
            ]
          : null,
      },
      {
        id: 'methods',
        title: 'By method',
        columns: [
          { key: 'method', label: 'Method', kind: 'text' },
          { key: 'count', label: 'Count', kind: 'count' },
          { key: 'amount', label: 'Amount', kind: 'money' },
        ],
        rows: day.byMethod.map((m) => [PAYMENT_METHOD.labels[m.method], m.count, m.total]),
        empty: 'No payments on this day.',
        total: day.byMethod.length
          ? ['Total received', day.byMethod.reduce((n, m) => n + m.count, 0), day.total]
          : null,
      },
      {
        id: 'checks',
        title: 'Checks',
        columns: [
          { key: 'from', label: 'From', kind: 'text' },
          { key: 'check', label: 'Check number', kind: 'text' },
          { key: 'account', label: 'Account', kind: 'text' },
          { key: 'batch', label: 'Batch', kind: 'text' },
          { key: 'amount', label: 'Amount', kind: 'money' },
        ],
        rows: checks.map((c) => [
          `${c.payerName ?? 'Patient or guarantor'}${REVERSAL_NOTE[c.reversal ?? 'none']}`,
          c.checkNumber,
          c.accountNumber,
          batch(c.batchNumber),
          c.amount,
        ]),
        empty: 'No checks on this day.',
        total: checks.length ? ['Total of checks', '', '', '', checksTotal] : null,
      },
      {
        id: 'returned',
        title: 'Returned checks',
        columns: [
          { key: 'reason', label: 'Reason', kind: 'text' },
          { key: 'check', label: 'Check number', short: 'Check no.', kind: 'text' },
          { key: 'account', label: 'Account', kind: 'text' },
          { key: 'received', label: 'Received', kind: 'date' },
          { key: 'returned', label: 'Returned', kind: 'date' },
          { key: 'amount', label: 'Amount', kind: 'money' },
          { key: 'fee', label: 'Fee charged', short: 'Fee', kind: 'money' },
        ],
        rows: returned.map((r) => [
          RETURNED_CHECK_REASON.labels[r.reason],
          r.checkNumber,
          r.accountNumber,
          r.receivedDate,
          r.returnedOn,
          r.amount,
          r.fee,
        ]),
        empty: 'No patient checks came back on this day.',
        total: returned.length
          ? [
              'Total',
              '',
              '',
              '',
              '',
              sumCents(returned.map((r) => r.amount)),
              sumCents(returned.map((r) => r.fee)),
            ]
          : null,
      },
    ],
    chart: null,
    notes: [
      'Amounts are net of reversals, as on the cash summary: a payment reversed on this day, a returned check among them, counts against the method it was paid by. Refunds paid out are not included.',
      'Batches are those with this deposit date; money posted outside any batch is counted on the day it was received.',
    ],
  };
}

export function getDepositSlip(ctx: ReadCtx, input: ParsedInputOf<'getDepositSlip'>): Report {
  return depositSlip(ctx, input.date);
}

/** The deposit slip as the printed report, in the one layout every report prints in. */
export async function getDepositSlipPdf(
  ctx: ReadCtx,
  input: ParsedInputOf<'getDepositSlipPdf'>,
): Promise<PdfFile> {
  const { bytes, pages } = await renderReportPdf(depositSlip(ctx, input.date));
  return {
    fileName: `deposit-slip-${input.date}.pdf`,
    pdfBase64: bytes.toString('base64'),
    pages,
    warnings: [],
  };
}
