import type { RecallResult } from '../../shared/api/agencies';
import type { ParsedInputOf } from '../../shared/api/contract';
import { formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import type { Cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { plural } from '../../shared/text/count';
import { recordActivity } from '../activities/record';
import type { Ctx } from '../core/context';
import { touchAccount } from '../core/touched';
import type { ReadDb } from '../db/open';
import { one, run } from '../db/query';
import { requireAgency } from './agencies';
import { ACCOUNT_NAMES, readAgencyFile, refuseRows, type RowProblem } from './agency-file';

/** An account's open placement: where it is now. */
export interface OpenPlacement {
  placementId: number;
  agencyId: number;
  agencyName: string;
  accountId: AccountId;
  accountNumber: string;
  placedOn: IsoDate;
  patientBalance: Cents;
}

const OPEN_SQL = `SELECT p.id AS placementId, p.agency_id AS agencyId, g.name AS agencyName,
    a.id AS accountId, a.account_number AS accountNumber, p.placed_on AS placedOn,
    a.patient_balance AS patientBalance
  FROM accounts a JOIN agency_placements p ON p.account_id = a.id AND p.recalled_on IS NULL
  JOIN agencies g ON g.id = p.agency_id`;

export function openPlacement(db: ReadDb, accountId: AccountId): OpenPlacement | undefined {
  return one<OpenPlacement>(db, `${OPEN_SQL} WHERE a.id = ?`, accountId);
}

/**
 * Brings one account back from its agency: the placement ends today, the account is open
 * again and its statements follow its dunning stage from where they stopped (a balance
 * paid off meanwhile starts a new cycle). Other collection work (a 501(r) reversal) may
 * call this with its own reason.
 */
export function recallPlacement(ctx: Ctx, p: OpenPlacement, reason: string): void {
  const today = ctx.clock.today();
  run(
    ctx.db,
    `UPDATE agency_placements SET recalled_on = ?, recalled_at = ?, recalled_by = ?,
         recall_reason = ? WHERE id = ?`,
    today,
    ctx.clock.now(),
    ctx.userId,
    reason,
    p.placementId,
  );
  run(ctx.db, `UPDATE accounts SET status = 'open' WHERE id = ?`, p.accountId);
  recordActivity(ctx, {
    accountId: p.accountId,
    kind: 'system',
    text: `Recalled from ${p.agencyName} on ${formatUsDate(today)} (placed ${formatUsDate(p.placedOn)}): ${reason}. The patient balance is ${formatCents(p.patientBalance)}; the account is open again and statements follow its dunning stage.`,
  });
  touchAccount(ctx.db, p.accountId);
}

function recallAll(ctx: Ctx, found: readonly OpenPlacement[], reason: string): RecallResult {
  for (const p of found) recallPlacement(ctx, p, reason);
  const agencies = [...new Set(found.map((p) => p.agencyName))].join(', ');
  return {
    accountIds: found.map((p) => p.accountId),
    message: `${plural(found.length, 'account')} recalled from ${agencies}.`,
  };
}

/** Recalls the accounts named, wherever each is placed; all of them or none. */
export function recallAccounts(ctx: Ctx, input: ParsedInputOf<'recallAccounts'>): RecallResult {
  const problems: RowProblem[] = [];
  const found: OpenPlacement[] = [];
  const seen = new Set<number>();
  input.accountIds.forEach((id, i) => {
    const path = `accountIds.${i}`;
    const p = openPlacement(ctx.db, id);
    if (seen.has(id)) problems.push({ path, message: `Account ${id} is chosen twice.` });
    else if (!p) {
      const a = one<{ n: string }>(
        ctx.db,
        `SELECT account_number AS n FROM accounts WHERE id = ?`,
        id,
      );
      problems.push({
        path,
        message: a ? `Account ${a.n} is not at an agency.` : `Account ${id} was not found.`,
      });
    } else found.push(p);
    seen.add(id);
  });
  refuseRows(problems, input.accountIds.length, 'recalled');
  return recallAll(ctx, found, input.reason);
}

/**
 * A recall file from or for the agency: a column of account numbers. Every row must name
 * an account placed with this agency now; a row that does not is named with its row number
 * and nothing is recalled.
 */
export function importRecallFile(ctx: Ctx, input: ParsedInputOf<'importRecallFile'>): RecallResult {
  const agency = requireAgency(ctx.db, input.agencyId);
  const file = readAgencyFile(input.text, {
    account: { label: 'the account number', names: ACCOUNT_NAMES },
  });
  const problems: RowProblem[] = [];
  const found: OpenPlacement[] = [];
  const seen = new Map<string, number>();
  for (const row of file.rows) {
    const path = `row ${row.rowNumber}`;
    const number = file.cell(row, 'account');
    const add = (message: string) =>
      problems.push({ path, message: `Row ${row.rowNumber}: ${message}` });
    if (number === '') {
      add('no account number.');
      continue;
    }
    const earlier = seen.get(number);
    if (earlier !== undefined) {
      add(`${number} is already on row ${earlier}.`);
      continue;
    }
    seen.set(number, row.rowNumber);
    const p = one<OpenPlacement>(ctx.db, `${OPEN_SQL} WHERE a.account_number = ?`, number);
    if (p && p.agencyId === agency.id) found.push(p);
    else if (p) add(`account ${number} is at ${p.agencyName}, not ${agency.name}.`);
    else if (one(ctx.db, `SELECT 1 AS x FROM accounts WHERE account_number = ?`, number)) {
      add(`account ${number} is not at an agency.`);
    } else add(`no account ${number}.`);
  }
  refuseRows(problems, file.rows.length, 'recalled');
  return recallAll(ctx, found, input.reason);
}
