import type { ParsedInputOf } from '../../shared/api/contract';
import type { StatementCandidate, StatementCandidates } from '../../shared/api/statements';
import { AGING_BUCKETS } from '../../shared/aging/buckets';
import { addDays } from '../../shared/dates/iso-date';
import type { ReadCtx } from '../core/context';
import { all, oneOrThrow } from '../db/query';

const FROM = `FROM accounts a JOIN people g ON g.id = a.guarantor_id
  WHERE a.status = 'open' AND a.patient_balance > 0 AND a.patient_balance >= @min
    AND (@newest IS NULL OR a.oldest_open_date <= @newest)
    AND (@oldest IS NULL OR a.oldest_open_date >= @oldest)
    AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.account_id = a.id AND d.kind = 'statement'
      AND d.document_date > @since)`;

/**
 * Open accounts whose patient owes at least the minimum and had no statement lately,
 * for a statement run. The aging bucket is that of the account's oldest open amount.
 */
export function listStatementCandidates(
  ctx: ReadCtx,
  input: ParsedInputOf<'listStatementCandidates'>,
): StatementCandidates {
  const today = ctx.clock.today();
  const bucket = AGING_BUCKETS.find((b) => b.key === input.agingBucket);
  const params = {
    min: input.minPatientBalance,
    newest: bucket ? addDays(today, -bucket.minDays) : null,
    oldest: bucket && bucket.maxDays !== null ? addDays(today, -bucket.maxDays) : null,
    since: addDays(today, -input.notStatedWithinDays),
  };
  const { total } = oneOrThrow<{
    total: number;
  }>(ctx.db, `SELECT count(*) AS total ${FROM}`, params);
  const accounts = all<StatementCandidate>(
    ctx.db,
    `SELECT a.id AS accountId, a.account_number AS accountNumber,
         g.last_name || ', ' || g.first_name AS guarantorName, a.patient_balance AS patientBalance,
         a.oldest_open_date AS oldestOpenDate,
         (SELECT max(d.document_date) FROM documents d
           WHERE d.account_id = a.id AND d.kind = 'statement') AS lastStatementDate
       ${FROM} ORDER BY a.account_number LIMIT @limit`,
    { ...params, limit: input.limit },
  );
  return { accounts, total };
}
