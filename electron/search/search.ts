import type { ParsedInputOf } from '../../shared/api/contract';
import type { SearchMatch, SearchResult, SearchResults } from '../../shared/api/search';
import type { AccountStatus } from '../../shared/codes/enums';
import type { IsoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import type { ReadCtx } from '../core/context';
import { describeIntent, parseSearch, prefixRange, type SearchIntent } from './parse';
import { all } from '../db/query';

/** The limit as SQLite is given it: `+` keeps the planner from reading it (db/statement-limits.test.ts). */
const LIMIT = 'LIMIT +@limit';

/** Columns every search returns; `m` names the match, `k` a claim number when one matched. */
const columns = (m = 'm', k = 'k') => `
  SELECT a.id AS accountId, a.account_number AS accountNumber, ${k} AS claimNumber,
    p.last_name || ', ' || p.first_name AS patientName, p.date_of_birth AS dateOfBirth,
    p.phone, a.service_date AS serviceDate, a.status,
    a.insurance_balance + a.patient_balance AS balance, ${m} AS matchedOn`;
const SELECT = columns();

/**
 * People by a range of their (last, first) name, with their accounts, in name order: read
 * from the name index in its order, so a common prefix stops at the page rather than
 * sorting everyone it matches.
 */
const byName = (where: string) => `${columns("'name'", 'NULL')}
    FROM people p JOIN accounts a ON a.patient_id = p.id WHERE ${where}
    ORDER BY p.last_name, p.first_name, a.service_date DESC ${LIMIT}`;

/** People matched by `where` (on `people`), with their accounts; `m` names the match. */
const byPatient = (where: string, m: SearchMatch) => `
  ${SELECT} FROM (SELECT id AS pid, '${m}' AS m, NULL AS k FROM people WHERE ${where}) hit
  JOIN accounts a ON a.patient_id = hit.pid JOIN people p ON p.id = a.patient_id`;

const BY_DATE_OF_BIRTH = `${byPatient('date_of_birth = @dob', 'date_of_birth')}
  ORDER BY p.last_name, p.first_name, a.service_date DESC ${LIMIT}`;

const numberParts = [
  `${SELECT} FROM (SELECT id AS aid, 'account_number' AS m, NULL AS k FROM accounts
     WHERE account_number >= @lo AND account_number < @hi ${LIMIT}) hit
   JOIN accounts a ON a.id = hit.aid JOIN people p ON p.id = a.patient_id`,
  // a claim numbered like its own account (claim files often do that) is found once,
  // as the account
  `${SELECT} FROM (SELECT account_id AS aid, 'claim_number' AS m, claim_number AS k FROM claims c
     WHERE claim_number >= @lo AND claim_number < @hi
       AND NOT EXISTS (SELECT 1 FROM accounts x
         WHERE x.id = c.account_id AND x.account_number = c.claim_number)
     ${LIMIT}) hit
   JOIN accounts a ON a.id = hit.aid JOIN people p ON p.id = a.patient_id`,
  `${SELECT} FROM (SELECT account_id AS aid, 'payer_claim_number' AS m, claim_number AS k
     FROM claims WHERE payer_claim_number = @text ${LIMIT}) hit
   JOIN accounts a ON a.id = hit.aid JOIN people p ON p.id = a.patient_id`,
];
const byNumber = (parts: readonly string[]) =>
  `SELECT * FROM (${parts.join(' UNION ALL ')}) ORDER BY accountNumber ${LIMIT}`;
const BY_NUMBER = byNumber(numberParts);
const BY_NUMBER_OR_PHONE = byNumber([
  ...numberParts,
  byPatient('phone_digits >= @plo AND phone_digits < @phi', 'phone'),
]);

const LAST = 'p.last_name >= @llo AND p.last_name < @lhi';
const LAST_FIRST = `${LAST} AND p.first_name >= @flo AND p.first_name < @fhi`;
const REVERSED = `p.last_name >= @rlo AND p.last_name < @rhi
  AND p.first_name >= @rflo AND p.first_name < @rfhi`;
const BY_LAST = byName(LAST);
const BY_LAST_FIRST = byName(LAST_FIRST);
// either order: each reading in name order, merged; one who matches both is found once
const BY_NAME_EITHER_ORDER = `SELECT * FROM (SELECT * FROM (${BY_LAST_FIRST})
  UNION ALL SELECT * FROM (${byName(`${REVERSED} AND NOT (${LAST_FIRST})`)}))
  ORDER BY patientName COLLATE NOCASE, serviceDate DESC ${LIMIT}`;

/**
 * One statement per reading of the query, exported so the benchmark runs the same SQL.
 * Each returns at most @limit + 1 rows so the caller can say the list was cut short. The
 * statements are made once: a search then looks its prepared statement up by the same
 * string, whose hash is kept, instead of building and hashing a kilobyte and a half anew.
 */
export function buildSearchQuery(intent: SearchIntent): {
  sql: string;
  params: Record<string, string>;
} {
  switch (intent.kind) {
    case 'date_of_birth':
      return { sql: BY_DATE_OF_BIRTH, params: { dob: intent.date } };
    case 'number': {
      const [lo, hi] = prefixRange(intent.text);
      const params: Record<string, string> = { lo, hi, text: intent.text };
      if (!intent.digits) return { sql: BY_NUMBER, params };
      const [plo, phi] = prefixRange(intent.digits);
      return { sql: BY_NUMBER_OR_PHONE, params: { ...params, plo, phi } };
    }
    case 'name': {
      const [llo, lhi] = prefixRange(intent.last);
      if (!intent.first) return { sql: BY_LAST, params: { llo, lhi } };
      const [flo, fhi] = prefixRange(intent.first);
      const params: Record<string, string> = { llo, lhi, flo, fhi };
      if (!intent.alsoReversed) return { sql: BY_LAST_FIRST, params };
      const [rlo, rhi] = prefixRange(intent.first);
      const [rflo, rfhi] = prefixRange(intent.last);
      return { sql: BY_NAME_EITHER_ORDER, params: { ...params, rlo, rhi, rflo, rfhi } };
    }
  }
}

interface Row extends Omit<SearchResult, 'balance' | 'dateOfBirth' | 'serviceDate' | 'status'> {
  balance: number;
  dateOfBirth: IsoDate | null;
  serviceDate: IsoDate;
  status: AccountStatus;
}

/** The global search: account or claim number, name, date of birth or phone. */
export function search(ctx: ReadCtx, input: ParsedInputOf<'search'>): SearchResults {
  const intent = parseSearch(input.query);
  if (!intent) return { interpretedAs: 'nothing to search for', results: [], truncated: false };
  const { sql, params } = buildSearchQuery(intent);
  const rows = all<Row>(ctx.db, sql, { ...params, limit: input.limit + 1 });
  return {
    interpretedAs: describeIntent(intent),
    truncated: rows.length > input.limit,
    results: rows.slice(0, input.limit).map((r) => ({ ...r, balance: cents(r.balance) })),
  };
}
