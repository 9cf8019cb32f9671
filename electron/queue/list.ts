import type { QueueList, QueueRow } from '../../shared/api/types';
import { bucketForAge } from '../../shared/aging/buckets';
import type { ClaimStatus, FinancialClass, FollowUpKind } from '../../shared/codes/enums';
import { daysBetween, type IsoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import type { Ctx } from '../api/context';
import { priorityLabel } from './priority';
import { buildQueueQuery, DENIAL_CODES_SQL, type QueueInput } from './query';

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
}

/** Open follow-ups due on or before a date (today by default): the representative's day. */
export function listQueue(ctx: Ctx, input: QueueInput): QueueList {
  const today = ctx.clock.today();
  const q = buildQueueQuery(input, today);
  const { db } = ctx;
  const rows = db.prepare(q.rowsSql).all(q.params) as Row[];
  const { total } = db.prepare(q.countSql).get(q.params) as { total: number };
  const claimIds = rows.map((r) => r.claimId).filter((id): id is number => id !== null);
  const codesByClaim = new Map<number, string[]>();
  if (claimIds.length) {
    const codeRows = db.prepare(DENIAL_CODES_SQL).all(JSON.stringify(claimIds)) as {
      claimId: number;
      codes: string;
    }[];
    for (const c of codeRows) codesByClaim.set(c.claimId, c.codes.split(' '));
  }
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
        denialCodes: r.claimId !== null ? (codesByClaim.get(r.claimId) ?? []) : [],
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
