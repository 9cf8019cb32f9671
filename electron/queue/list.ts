import type { ContactRestrictionKind } from '../../shared/api/contact';
import type { QueueList, QueueRow } from '../../shared/api/queue';
import { bucketForAge } from '../../shared/aging/buckets';
import { daysBetween, type IsoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import type { ReadCtx } from '../core/context';
import { priorityLabel } from './priority';
import {
  buildQueueCount,
  buildQueuePage,
  QUEUE_ROWS_SQL,
  type QueueCounts,
  type QueueInput,
} from './query';
import { all, oneOrThrow } from '../db/query';

/** A row as the database gives it: the shown fields that come straight from columns, plus raw ones. */
type Row = Pick<
  QueueRow,
  | 'followUpId'
  | 'kind'
  | 'dueDate'
  | 'deadlineDate'
  | 'reason'
  | 'accountId'
  | 'accountNumber'
  | 'patientName'
  | 'financialClass'
  | 'claimId'
  | 'claimNumber'
  | 'claimStatus'
  | 'payerName'
  | 'ownerName'
> & {
  insuranceBalance: number;
  patientBalance: number;
  oldestOpenDate: IsoDate | null;
  denialCodes: string | null;
  restrictions: string | null;
};

/** Open follow-ups due on or before a date (today by default): the representative's day. */
export function listQueue(ctx: ReadCtx, input: QueueInput): QueueList {
  const today = ctx.clock.today();
  const { db } = ctx;
  const count = buildQueueCount(input, today);
  const counts = oneOrThrow<QueueCounts>(db, count.sql, count.params);
  const q = buildQueuePage(input, today, counts);
  const page = all<{ id: number; sortKey: number | string }>(db, q.sql, q.params);
  const ids = page.map((r) => r.id);
  const last = page[page.length - 1];
  const { total } = counts;
  const byId = new Map(
    all<Row>(db, QUEUE_ROWS_SQL, JSON.stringify(ids)).map((r) => [r.followUpId, r]),
  );
  const rows = ids.map((id) => byId.get(id)).filter((r): r is Row => r !== undefined);
  return {
    today,
    total,
    next: last && page.length === input.limit ? { key: last.sortKey, id: last.id } : null,
    rows: rows.map(
      ({
        insuranceBalance,
        patientBalance,
        oldestOpenDate,
        denialCodes,
        restrictions,
        ...shown
      }): QueueRow => {
        const balance = insuranceBalance + patientBalance;
        const ageDays = oldestOpenDate ? Math.max(0, daysBetween(oldestOpenDate, today)) : 0;
        return {
          ...shown,
          daysToDeadline: shown.deadlineDate ? daysBetween(today, shown.deadlineDate) : null,
          priority: priorityLabel({ ...shown, balance, oldestOpenDate }, today),
          denialCodes: denialCodes ? denialCodes.split(' ') : [],
          contactRestrictions: restrictions
            ? (restrictions.split(',') as ContactRestrictionKind[])
            : [],
          balance: cents(balance),
          insuranceBalance: cents(insuranceBalance),
          patientBalance: cents(patientBalance),
          ageDays,
          agingBucket: bucketForAge(ageDays),
        };
      },
    ),
  };
}
