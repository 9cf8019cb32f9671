import type { AgencyFile, PlacementColumn } from '../../shared/api/agencies';
import type { ParsedInputOf } from '../../shared/api/contract';
import { notFound } from '../../shared/api/errors';
import { toCsv } from '../../shared/csv/write';
import type { IsoDate } from '../../shared/dates/iso-date';
import { formatPlainCents } from '../../shared/money/format';
import type { Cents } from '../../shared/money/cents';
import type { ReadCtx } from '../core/context';
import type { ReadDb } from '../db/open';
import { all, one } from '../db/query';
import { storedColumns } from './agencies';

/** What one placed account may tell an agency: nothing clinical, no SSN (none is selected). */
export interface PlacedAccount {
  accountNumber: string;
  guarantorName: string;
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  phone: string | null;
  dateOfBirth: string | null;
  balance: Cents;
  serviceFrom: IsoDate;
  serviceTo: IsoDate;
  lastPaymentDate: IsoDate | null;
  lastPaymentAmount: Cents | null;
}

/** The file's header cells and values for each column an agency may choose. */
const CELLS: Record<
  PlacementColumn,
  { headers: string[]; values: (a: PlacedAccount) => string[] }
> = {
  account: { headers: ['Account'], values: (a) => [a.accountNumber] },
  guarantor_name: { headers: ['Guarantor name'], values: (a) => [a.guarantorName] },
  address: {
    headers: ['Address line 1', 'Address line 2', 'City', 'State', 'ZIP'],
    values: (a) => [a.line1 ?? '', a.line2 ?? '', a.city ?? '', a.state ?? '', a.zip ?? ''],
  },
  phone: { headers: ['Phone'], values: (a) => [a.phone ?? ''] },
  date_of_birth: { headers: ['Date of birth'], values: (a) => [a.dateOfBirth ?? ''] },
  balance: { headers: ['Balance'], values: (a) => [formatPlainCents(a.balance)] },
  service_dates: {
    headers: ['Service from', 'Service to'],
    values: (a) => [a.serviceFrom, a.serviceTo],
  },
  last_payment: {
    headers: ['Last payment date', 'Last payment amount'],
    values: (a) => [
      a.lastPaymentDate ?? '',
      a.lastPaymentAmount === null ? '' : formatPlainCents(a.lastPaymentAmount),
    ],
  },
};

/** The placement file's header cells for a layout: the only place a header is named. */
export function placementHeaders(columns: readonly PlacementColumn[]): string[] {
  return columns.flatMap((c) => CELLS[c].headers);
}

/** The placement file: one row per account, only the columns the agency's layout chose. */
export function placementCsv(
  columns: readonly PlacementColumn[],
  accounts: readonly PlacedAccount[],
): string {
  return toCsv([
    placementHeaders(columns),
    ...accounts.map((a) => columns.flatMap((c) => CELLS[c].values(a))),
  ]);
}

/**
 * The accounts of one placement batch as they were sent: the balance placed, and the last
 * payment up to the placement date. Only the guarantor's identity and contact are read.
 */
export function placedAccounts(db: ReadDb, batchId: number): PlacedAccount[] {
  return all<PlacedAccount>(
    db,
    `SELECT a.account_number AS accountNumber,
         g.last_name || ', ' || g.first_name AS guarantorName,
         ad.line1, ad.line2, ad.city, ad.state, ad.zip, g.phone, g.date_of_birth AS dateOfBirth,
         p.balance_placed AS balance, a.service_date AS serviceFrom,
         coalesce(a.discharge_date, a.service_date) AS serviceTo,
         lp.posting_date AS lastPaymentDate, -lp.amount AS lastPaymentAmount
       FROM agency_placements p JOIN accounts a ON a.id = p.account_id
       JOIN people g ON g.id = a.guarantor_id
       LEFT JOIN addresses ad ON ad.id = (SELECT id FROM addresses WHERE person_id = g.id
         ORDER BY effective_date DESC, id DESC LIMIT 1)
       LEFT JOIN ledger_entries lp ON lp.id = (SELECT l.id FROM ledger_entries l
         WHERE l.account_id = a.id AND l.side = 'patient' AND l.kind = 'payment'
           AND l.amount < 0 AND l.posting_date <= p.placed_on
           AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses_id = l.id)
         ORDER BY l.posting_date DESC, l.id DESC LIMIT 1)
       WHERE p.batch_id = ?
       ORDER BY a.account_number`,
    batchId,
  );
}

export function placementFileName(agencyName: string, placedOn: IsoDate, batchId: number): string {
  const slug = agencyName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `placement-${slug || 'agency'}-${placedOn}-${batchId}.csv`;
}

/** A placement batch's file again, for a supervisor who needs to send it once more. */
export function batchFile(db: ReadDb, batchId: number): AgencyFile {
  const batch = one<{ name: string; placedOn: IsoDate; columns: string }>(
    db,
    `SELECT g.name, b.placed_on AS placedOn, b.columns FROM agency_placement_batches b
       JOIN agencies g ON g.id = b.agency_id WHERE b.id = ?`,
    batchId,
  );
  if (!batch) throw notFound('The placement');
  return {
    fileName: placementFileName(batch.name, batch.placedOn, batchId),
    text: placementCsv(storedColumns(batch.columns), placedAccounts(db, batchId)),
  };
}

export function getPlacementFile(
  ctx: ReadCtx,
  input: ParsedInputOf<'getPlacementFile'>,
): AgencyFile {
  return batchFile(ctx.db, input.batchId);
}
