import type { ParsedInputOf } from '../../shared/api/contract';
import type { SearchMatch, SearchResult, SearchResults } from '../../shared/api/search';
import type { AccountStatus } from '../../shared/codes/enums';
import type { IsoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import type { ReadCtx } from '../core/context';
import { describeIntent, parseSearch, prefixRange, type SearchIntent } from './parse';
import { all } from '../db/query';

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
    ORDER BY p.last_name, p.first_name, a.service_date DESC LIMIT @limit`;

/**
 * One statement per reading of the query, exported so the benchmark runs the same SQL.
 * Each returns at most @limit + 1 rows so the caller can say the list was cut short.
 */
export function buildSearchQuery(intent: SearchIntent): {
  sql: string;
  params: Record<string, string>;
} {
  const byPatient = (where: string, m: SearchMatch) => `
    ${SELECT} FROM (SELECT id AS pid, '${m}' AS m, NULL AS k FROM people WHERE ${where}) hit
    JOIN accounts a ON a.patient_id = hit.pid JOIN people p ON p.id = a.patient_id`;
  switch (intent.kind) {
    case 'date_of_birth':
      return {
        sql: `${byPatient('date_of_birth = @dob', 'date_of_birth')}
          ORDER BY p.last_name, p.first_name, a.service_date DESC LIMIT @limit`,
        params: { dob: intent.date },
      };
    case 'number': {
      const [lo, hi] = prefixRange(intent.text);
      const parts = [
        `${SELECT} FROM (SELECT id AS aid, 'account_number' AS m, NULL AS k FROM accounts
           WHERE account_number >= @lo AND account_number < @hi LIMIT @limit) hit
         JOIN accounts a ON a.id = hit.aid JOIN people p ON p.id = a.patient_id`,
        // a claim numbered like its own account (claim files often do that) is found once,
        // as the account
        `${SELECT} FROM (SELECT account_id AS aid, 'claim_number' AS m, claim_number AS k FROM claims c
           WHERE claim_number >= @lo AND claim_number < @hi
             AND NOT EXISTS (SELECT 1 FROM accounts x
               WHERE x.id = c.account_id AND x.account_number = c.claim_number)
           LIMIT @limit) hit
         JOIN accounts a ON a.id = hit.aid JOIN people p ON p.id = a.patient_id`,
        `${SELECT} FROM (SELECT account_id AS aid, 'payer_claim_number' AS m, claim_number AS k
           FROM claims WHERE payer_claim_number = @text LIMIT @limit) hit
         JOIN accounts a ON a.id = hit.aid JOIN people p ON p.id = a.patient_id`,
      ];
      const params: Record<string, string> = { lo, hi, text: intent.text };
      if (intent.digits) {
        const [plo, phi] = prefixRange(intent.digits);
        parts.push(byPatient('phone_digits >= @plo AND phone_digits < @phi', 'phone'));
        params.plo = plo;
        params.phi = phi;
      }
      return {
        sql: `SELECT * FROM (${parts.join(' UNION ALL ')}) ORDER BY accountNumber LIMIT @limit`,
        params,
      };
    }
    case 'name': {
      const [llo, lhi] = prefixRange(intent.last);
      const params: Record<string, string> = { llo, lhi };
      let where = 'p.last_name >= @llo AND p.last_name < @lhi';
      if (intent.first) {
        const [flo, fhi] = prefixRange(intent.first);
        Object.assign(params, { flo, fhi });
        where += ' AND p.first_name >= @flo AND p.first_name < @fhi';
      }
      if (!intent.first || !intent.alsoReversed) return { sql: byName(where), params };
      // either order: each reading in name order, merged; one who matches both is found once
      const [rlo, rhi] = prefixRange(intent.first);
      const [rflo, rfhi] = prefixRange(intent.last);
      Object.assign(params, { rlo, rhi, rflo, rfhi });
      const reversed = `p.last_name >= @rlo AND p.last_name < @rhi
        AND p.first_name >= @rflo AND p.first_name < @rfhi`;
      return {
        sql: `SELECT * FROM (SELECT * FROM (${byName(where)})
          UNION ALL SELECT * FROM (${byName(`${reversed} AND NOT (${where})`)}))
          ORDER BY patientName COLLATE NOCASE, serviceDate DESC LIMIT @limit`,
        params,
      };
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
