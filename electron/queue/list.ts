import type { QueueList, QueueRow } from '../../shared/api/types';
import { bucketForAge } from '../../shared/aging/buckets';
import type { ClaimStatus, FinancialClass, FollowUpKind } from '../../shared/codes/enums';
import { daysBetween, type IsoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import type { Ctx } from '../api/context';
import { priorityLabel } from './priority';
import { buildQueueQuery, QUEUE_ROWS_SQL, type QueueInput } from './query';
import { rerankPassedDeadlines } from './rerank';

interface Row {
  followUpId: number;
  kind: FollowUpKind;
  dueDate: IsoDate;
  deadlineDate: IsoDate | null;
  reason: string | null;
  accountId: number;
  accountNumber: string;
  patientName: string;
  financialClass: FinancialClass;
  claimId: number | null;
  claimNumber: string | null;
  claimStatus: ClaimStatus | null;
  payerName: string | null;
  insuranceBalance: number;
  patientBalance: number;
  oldestOpenDate: IsoDate | null;
  ownerName: string | null;
  denialCodes: string | null;
}

/** Open follow-ups due on or before a date (today by default): the representative's day. */
export function listQueue(ctx: Ctx, input: QueueInput): QueueList {
  const today = ctx.clock.today();
  rerankPassedDeadlines(ctx.db, today);
  const q = buildQueueQuery(input, today);
  const { db } = ctx;
  const ids = (db.prepare(q.pageSql).all(q.params) as { id: number }[]).map((r) => r.id);
  const { total } = db.prepare(q.countSql).get(q.params) as { total: number };
  const byId = new Map(
    (db.prepare(QUEUE_ROWS_SQL).all(JSON.stringify(ids)) as Row[]).map((r) => [r.followUpId, r]),
  );
  const rows = ids.map((id) => byId.get(id)).filter((r): r is Row => r !== undefined);
  return {
    today,
    total,
    rows: rows.map((r): QueueRow => {
      const balance = r.insuranceBalance + r.patientBalance;
      const ageDays = r.oldestOpenDate ? Math.max(0, daysBetween(r.oldestOpenDate, today)) : 0;
      return {
        followUpId: r.followUpId,
        kind: r.kind,
        dueDate: r.dueDate,
        deadlineDate: r.deadlineDate,
        daysToDeadline: r.deadlineDate ? daysBetween(today, r.deadlineDate) : null,
        priority: priorityLabel(
          {
            balance,
            oldestOpenDate: r.oldestOpenDate,
            dueDate: r.dueDate,
            deadlineDate: r.deadlineDate,
          },
          today,
        ),
        reason: r.reason,
        accountId: r.accountId,
        accountNumber: r.accountNumber,
        patientName: r.patientName,
        financialClass: r.financialClass,
        claimId: r.claimId,
        claimNumber: r.claimNumber,
        claimStatus: r.claimStatus,
        payerName: r.payerName,
        denialCodes: r.denialCodes ? r.denialCodes.split(' ') : [],
        balance: cents(balance),
        insuranceBalance: cents(r.insuranceBalance),
        patientBalance: cents(r.patientBalance),
        ageDays,
        agingBucket: bucketForAge(ageDays),
        ownerName: r.ownerName,
      };
    }),
  };
}
