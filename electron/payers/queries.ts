import type { ParsedInputOf } from '../../shared/api/contract';
import { notFound } from '../../shared/api/errors';
import type { PayerAddress, PayerList, PayerRow, PayerView } from '../../shared/api/payers';
import { APPEAL_LEVEL, type AppealLevel } from '../../shared/codes/denials';
import type { ReadCtx } from '../core/context';
import type { ReadDb } from '../db/open';
import { all, one } from '../db/query';
import { isSupervisor } from '../users/users';

/** More than any office has; the list is searched, not scrolled through. */
const LIST_LIMIT = 1000;

/** What COLUMNS select: the list's row before its counts. */
type Columns = Omit<PayerRow, 'reviewed' | 'openDenials'> & { updatedAt: string | null };

const COLUMNS = `py.id, py.name, py.payer_code AS payerCode, py.financial_class AS financialClass,
    py.appeal_window_days AS appealWindowDays,
    py.second_appeal_window_days AS secondAppealWindowDays,
    py.external_review_window_days AS externalReviewWindowDays,
    py.timely_filing_days AS timelyFilingDays, py.phone, py.updated_at AS updatedAt`;

// from the open denials to their claims: the open-denials index keeps this to the denials
// being worked, where counting from the payers would read every claim
const OPEN_DENIALS = `FROM denials d JOIN claims c ON c.id = d.claim_id WHERE d.state <> 'resolved'`;

function toRow(c: Columns, openDenials: number): PayerRow {
  return {
    id: c.id,
    name: c.name,
    payerCode: c.payerCode,
    financialClass: c.financialClass,
    appealWindowDays: c.appealWindowDays,
    secondAppealWindowDays: c.secondAppealWindowDays,
    externalReviewWindowDays: c.externalReviewWindowDays,
    timelyFilingDays: c.timelyFilingDays,
    phone: c.phone,
    openDenials,
    reviewed: c.updatedAt !== null,
  };
}

/** LIKE with the user's % and _ taken literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Payers by name, searched by part of the name or the payer id. */
export function listPayers(ctx: ReadCtx, input: ParsedInputOf<'listPayers'>): PayerList {
  const pattern = input.query ? likePattern(input.query) : null;
  const where = `@pattern IS NULL OR py.name LIKE @pattern ESCAPE '\\'
    OR py.payer_code LIKE @pattern ESCAPE '\\'`;
  const rows = all<Columns & { openDenials: number }>(
    ctx.db,
    `SELECT ${COLUMNS}, ifnull(o.n, 0) AS openDenials
       FROM payers py
       LEFT JOIN (SELECT c.payer_id AS payerId, count(*) AS n ${OPEN_DENIALS} GROUP BY c.payer_id) o
         ON o.payerId = py.id
       WHERE ${where}
       ORDER BY py.name COLLATE NOCASE, py.id
       LIMIT ${LIST_LIMIT + 1}`,
    { pattern },
  );
  const total =
    rows.length > LIST_LIMIT
      ? (one<{ n: number }>(ctx.db, `SELECT count(*) AS n FROM payers py WHERE ${where}`, {
          pattern,
        })?.n ?? rows.length)
      : rows.length;
  return {
    total,
    rows: rows.slice(0, LIST_LIMIT).map((r) => toRow(r, r.openDenials)),
    canChange: isSupervisor(ctx.db, ctx.userId),
  };
}

interface AddressColumns {
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
}

/** An address as stored; none when nothing of it was ever recorded. */
function addressOf(a: AddressColumns): PayerAddress | null {
  if (!a.line1 && !a.city && !a.zip) return null;
  return {
    line1: a.line1 ?? '',
    line2: a.line2 ?? null,
    city: a.city ?? '',
    state: a.state ?? '',
    zip: a.zip ?? '',
  };
}

/** Open denials of one payer by appeal level. */
export function openDenialsByLevel(db: ReadDb, payerId: number): Record<AppealLevel, number> {
  const counts = Object.fromEntries(APPEAL_LEVEL.keys.map((k) => [k, 0])) as Record<
    AppealLevel,
    number
  >;
  const rows = all<{ level: AppealLevel; n: number }>(
    db,
    `SELECT d.appeal_level AS level, count(*) AS n ${OPEN_DENIALS} AND c.payer_id = ?
       GROUP BY d.appeal_level`,
    payerId,
  );
  for (const r of rows) counts[r.level] = r.n;
  return counts;
}

/** One payer with its addresses, numbers and windows, and who last changed it. */
export function readPayer(ctx: ReadCtx, payerId: number): PayerView {
  const row = one<
    Columns & {
      fax: string | null;
      appealsFax: string | null;
      updatedBy: string | null;
      c1: string | null;
      c2: string | null;
      cCity: string | null;
      cState: string | null;
      cZip: string | null;
      a1: string | null;
      a2: string | null;
      aCity: string | null;
      aState: string | null;
      aZip: string | null;
    }
  >(
    ctx.db,
    `SELECT ${COLUMNS}, py.fax, py.appeals_fax AS appealsFax, u.display_name AS updatedBy,
         py.claims_line1 AS c1, py.claims_line2 AS c2, py.claims_city AS cCity,
         py.claims_state AS cState, py.claims_zip AS cZip,
         py.appeals_line1 AS a1, py.appeals_line2 AS a2, py.appeals_city AS aCity,
         py.appeals_state AS aState, py.appeals_zip AS aZip
       FROM payers py LEFT JOIN users u ON u.id = py.updated_by
       WHERE py.id = ?`,
    payerId,
  );
  if (!row) throw notFound('The payer');
  const byLevel = openDenialsByLevel(ctx.db, payerId);
  const { c1, c2, cCity, cState, cZip, a1, a2, aCity, aState, aZip } = row;
  return {
    ...toRow(row, byLevel.first + byLevel.second + byLevel.external),
    openDenialsByLevel: byLevel,
    claimsAddress: addressOf({ line1: c1, line2: c2, city: cCity, state: cState, zip: cZip }),
    appealsAddress: addressOf({ line1: a1, line2: a2, city: aCity, state: aState, zip: aZip }),
    fax: row.fax,
    appealsFax: row.appealsFax,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
    canChange: isSupervisor(ctx.db, ctx.userId),
  };
}

export function getPayer(ctx: ReadCtx, input: ParsedInputOf<'getPayer'>): PayerView {
  return readPayer(ctx, input.payerId);
}
