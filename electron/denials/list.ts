import type { AccountId } from '../../shared/ids';
import type { ParsedInputOf } from '../../shared/api/contract';
import type { DenialList, DenialView } from '../../shared/api/denials';
import { describeReason, describeRemark, describeGroup } from '../../shared/codes/adjustment-codes';
import { daysBetween, type IsoDate } from '../../shared/dates/iso-date';
import { parseDenialCodes } from '../../shared/codes/denials';
import type { ReadCtx } from '../core/context';
import type { ReadDb } from '../db/open';
import { priorityLabel } from '../queue/priority';
import { all, oneOrThrow } from '../db/query';

type Row = Omit<DenialView, 'codes' | 'daysLeft' | 'priority'> & {
  codes: string;
  balance: number;
  oldestOpenDate: IsoDate | null;
  dueDate: IsoDate;
};

/** Each code as stored on the denial ('CO-50 N115') with its words. */
function describeCodes(codes: string): DenialView['codes'] {
  return parseDenialCodes(codes).map((c) =>
    c.kind === 'reason'
      ? {
          code: `${c.group}-${c.reason}`,
          description: `${describeGroup(c.group)}: ${describeReason(c.reason)}`,
        }
      : { code: c.code, description: describeRemark(c.code) },
  );
}

/**
 * By deadline: the coming ones soonest first (so those within 15 days lead), then the
 * expired ones in their own group at the end, the most recently passed first.
 */
const ORDER = {
  deadline: `d.deadline_date < @today,
    CASE WHEN d.deadline_date < @today THEN -julianday(d.deadline_date)
         ELSE julianday(d.deadline_date) END, d.amount DESC`,
  amount: 'd.amount DESC, d.deadline_date ASC',
  payer: 'py.name ASC, d.deadline_date ASC',
  category: 'd.category ASC, d.deadline_date ASC',
} as const;

const FROM = `FROM denials d JOIN claims c ON c.id = d.claim_id JOIN payers py ON py.id = c.payer_id
    JOIN accounts a ON a.id = c.account_id JOIN people p ON p.id = a.patient_id
    JOIN follow_ups f ON f.id = d.follow_up_id`;

const SELECT = `SELECT d.id, d.follow_up_id AS followUpId, a.id AS accountId, a.account_number AS accountNumber,
    p.last_name || ', ' || p.first_name AS patientName, c.id AS claimId,
    c.claim_number AS claimNumber, c.payer_claim_number AS payerClaimNumber,
    py.name AS payerName, d.category, d.action, d.codes, d.amount, d.remit_date AS remitDate,
    d.deadline_date AS deadlineDate, d.state, d.appeal_level AS appealLevel, d.resolution,
    a.insurance_balance + a.patient_balance AS balance, a.oldest_open_date AS oldestOpenDate,
    f.due_date AS dueDate`;

function toView(row: Row, today: IsoDate): DenialView {
  const { balance, oldestOpenDate, dueDate, codes, ...d } = row;
  return {
    ...d,
    codes: describeCodes(codes),
    daysLeft: daysBetween(today, d.deadlineDate),
    priority: priorityLabel(
      { balance, oldestOpenDate, dueDate, deadlineDate: d.deadlineDate },
      today,
    ),
  };
}

export type DenialsInput = ParsedInputOf<'listDenials'>;

/**
 * The list's statements, exported so the benchmark runs the same SQL. The count reads the
 * denials alone (and their claims for the payer): every denial has its claim, account,
 * patient and follow-up. By deadline, each group is read from the open denials' deadline
 * index in its own direction up to the page's end, and only those rows are ordered.
 */
export function buildDenialsQuery(
  input: DenialsInput,
  today: IsoDate,
): { countSql: string; pageSql: string; params: Record<string, string | number | null> } {
  const where = [
    input.open ? `d.state <> 'resolved'` : '1',
    input.payerId ? 'c.payer_id = @payerId' : '1',
    input.category ? 'd.category = @category' : '1',
    input.state ? 'd.state = @state' : '1',
  ].join(' AND ');
  const params = {
    payerId: input.payerId ?? null,
    category: input.category ?? null,
    state: input.state ?? null,
    today,
    limit: input.limit,
    offset: input.offset,
  };
  // the planner takes the larger index of every state to count the open ones
  const counted =
    input.open && !input.state ? 'denials d INDEXED BY denials_unresolved' : 'denials d';
  const countFrom = input.payerId
    ? `FROM ${counted} JOIN claims c ON c.id = d.claim_id`
    : `FROM ${counted}`;
  const part = (deadline: string, order: string) =>
    `SELECT * FROM (${SELECT} ${FROM} WHERE ${where} AND ${deadline}
       ORDER BY ${order} LIMIT +@limit + @offset)`;
  const pageSql =
    input.sortBy === 'deadline'
      ? `SELECT * FROM (${part('d.deadline_date >= @today', 'd.deadline_date, d.amount DESC')}
         UNION ALL ${part('d.deadline_date < @today', 'd.deadline_date DESC, d.amount DESC')})
         ORDER BY ${ORDER.deadline.replaceAll('d.deadline_date', 'deadlineDate').replace('d.amount', 'amount')}
         LIMIT +@limit OFFSET +@offset`
      : `${SELECT} ${FROM} WHERE ${where} ORDER BY ${ORDER[input.sortBy]} LIMIT +@limit OFFSET +@offset`;
  return { countSql: `SELECT count(*) AS n ${countFrom} WHERE ${where}`, pageSql, params };
}

/** Denials being worked, soonest deadline first by default, with every code in words. */
export function listDenials(ctx: ReadCtx, input: DenialsInput): DenialList {
  const today = ctx.clock.today();
  const q = buildDenialsQuery(input, today);
  const total = oneOrThrow<{ n: number }>(ctx.db, q.countSql, q.params).n;
  const rows = all<Row>(ctx.db, q.pageSql, q.params);
  return { today, total, rows: rows.map((r) => toView(r, today)) };
}

/** The account's denials, open ones first, for the account view. */
export function accountDenials(db: ReadDb, accountId: AccountId, today: IsoDate): DenialView[] {
  return all<Row>(
    db,
    `${SELECT} ${FROM} WHERE a.id = ? ORDER BY d.state = 'resolved', d.deadline_date`,
    accountId,
  ).map((r) => toView(r, today));
}
