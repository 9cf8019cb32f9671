import type { z } from 'zod';
import type {
  acceptAuditTrailInput,
  AuditCheck,
  auditMethods,
  AuditTrailPage,
  listAuditTrailInput,
} from '../../shared/api/audit';
import { addDays } from '../../shared/dates/iso-date';
import type { Ctx, ReadCtx } from '../core/context';
import type { HandlersOf } from '../core/handlers';
import { all, one } from '../db/query';
import { isSupervisor } from '../users/users';
import { AUDIT_TRIGGERS_SQL } from '../db/migrations/020-audit-trail';
import { acceptTrail, markVerified, trailWarning } from './trail';
import { acceptUserStates } from './user-states';
import { checkTrail } from './verify';

type ListInput = z.output<typeof listAuditTrailInput>;

/** The accounts named beside each entry; the rest are counted. */
const ACCOUNTS_SHOWN = 12;

const idList = (text: string): number[] =>
  text === '' ? [] : text.slice(1, -1).split(',').map(Number);

interface Row {
  id: number;
  at: string;
  userId: number;
  userName: string;
  workstation: string;
  method: string;
  access: 'read' | 'write' | 'long';
  accounts: string;
  documents: string;
  detail: string;
}

/**
 * A page of the trail, newest first. Dates are the UTC day of the entry, as stored. An
 * account is found in the ids each entry kept, so a list page that showed it counts.
 */
function listAuditTrail(ctx: ReadCtx, input: ListInput): AuditTrailPage {
  const users = all<{ id: number; displayName: string }>(
    ctx.db,
    `SELECT id, display_name AS displayName FROM users ORDER BY display_name COLLATE NOCASE`,
  );
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    where.push(clause);
    params.push(value);
  };
  let filtered: number | null = null;
  if (input.accountNumber !== null) {
    const account = one<{ id: number }>(
      ctx.db,
      `SELECT id FROM accounts WHERE account_number = ?`,
      input.accountNumber,
    );
    if (!account) return { total: 0, rows: [], users };
    filtered = account.id;
    add('a.accounts LIKE ?', `%,${account.id},%`);
  }
  if (input.userId !== undefined) add('a.user_id = ?', input.userId);
  if (input.from !== undefined) add('a.at >= ?', input.from);
  if (input.to !== undefined) add('a.at < ?', addDays(input.to, 1));
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const total =
    one<{ n: number }>(ctx.db, `SELECT count(*) AS n FROM audit_log a ${filter}`, ...params)?.n ??
    0;
  const rows = all<Row>(
    ctx.db,
    `SELECT a.id, a.at, a.user_id AS userId,
       coalesce(u.display_name, 'user ' || a.user_id) AS userName,
       a.workstation, a.method, a.access, a.accounts, a.documents, a.detail
     FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
     ${filter} ORDER BY a.id DESC LIMIT +? OFFSET +?`,
    ...params,
    input.limit,
    input.offset,
  );
  // the account asked for first, so a long list page's entry shows why it matched
  const shown = rows.map((r) => {
    const ids = idList(r.accounts);
    return filtered === null ? ids : [filtered, ...ids.filter((id) => id !== filtered)];
  });
  const wanted = [...new Set(shown.flatMap((ids) => ids.slice(0, ACCOUNTS_SHOWN)))];
  const numbers = new Map(
    all<{ id: number; number: string }>(
      ctx.db,
      `SELECT id, account_number AS number FROM accounts
       WHERE id IN (SELECT value FROM json_each(?))`,
      JSON.stringify(wanted),
    ).map((a) => [a.id, a.number]),
  );
  return {
    total,
    rows: rows.map(({ accounts: _ids, documents, ...row }, i) => {
      const ids = shown[i] ?? [];
      return {
        ...row,
        accounts: ids
          .slice(0, ACCOUNTS_SHOWN)
          .map((id) => ({ id, number: numbers.get(id) ?? `#${id}` })),
        accountCount: ids.length,
        documentIds: idList(documents),
      };
    }),
    users,
  };
}

/**
 * Puts the safeguards back and takes the trail from here; the reason goes into the trail
 * with this request's own entry (dispatch records it in this transaction).
 */
function acceptAuditTrail(ctx: Ctx, _input: z.output<typeof acceptAuditTrailInput>): AuditCheck {
  const { last, ...check } = checkTrail(ctx.db, ctx.databasePath, true);
  ctx.db.exec(AUDIT_TRIGGERS_SQL);
  acceptUserStates(ctx.db, ctx.clock.now(), ctx.userId);
  acceptTrail(ctx.db, ctx.databasePath, last);
  return check;
}

export const auditHandlers = {
  acceptAuditTrail,
  listAuditTrail,
  verifyAuditTrail: (ctx: ReadCtx) => {
    const { last, ...check } = checkTrail(ctx.db, ctx.databasePath, true);
    if (check.ok && last) markVerified(ctx.db, ctx.databasePath, last);
    return check;
  },
  getAuditStatus: (ctx: ReadCtx) => ({
    warning: trailWarning(ctx.db),
    canReview: isSupervisor(ctx.db, ctx.userId),
  }),
} satisfies HandlersOf<typeof auditMethods>;
