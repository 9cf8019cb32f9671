import type { ReadDb } from '../db/open';
import { all } from '../db/query';
import type { Period } from './filters';

export interface WorkRow {
  userId: number;
  name: string;
  accountsWorked: number;
  calls: number;
  letters: number;
  paymentsPosted: number;
  collections: number;
  promisesMade: number;
  promisesKept: number;
}

type Counts = Omit<WorkRow, 'userId' | 'name'>;

/**
 * What each person did in the period, each figure from the table that records it:
 * activities (accounts worked, calls; the system's own entries are not work), documents
 * (letters), receipts (payments posted, collections net of reversals) and promises. One
 * grouped read per table, so the cost follows the period's rows, not the number of people.
 */
export function workRows(db: ReadDb, period: Period): WorkRow[] {
  // timestamps are UTC ISO strings; every one on the last day sorts below `<to>T99`
  const fromTs = period.from;
  const toTs = `${period.to}T99`;
  // one facility's work: what was done on its accounts
  const facility = period.facilityId !== null;
  const atFacility = facility
    ? ` AND account_id IN (SELECT a.id FROM accounts a WHERE a.facility_id = ?)`
    : '';
  const facilityParam = facility ? [period.facilityId] : [];
  const counts = new Map<number, Counts>();
  const add = (rows: ({ userId: number } & Partial<Counts>)[]) => {
    for (const { userId, ...c } of rows) {
      const had = counts.get(userId) ?? {
        accountsWorked: 0,
        calls: 0,
        letters: 0,
        paymentsPosted: 0,
        collections: 0,
        promisesMade: 0,
        promisesKept: 0,
      };
      counts.set(userId, { ...had, ...c });
    }
  };
  add(
    all(
      db,
      `SELECT user_id AS userId, count(DISTINCT account_id) AS accountsWorked,
          sum(kind = 'call') AS calls
         FROM activities WHERE occurred_at BETWEEN ? AND ? AND kind <> 'system'${atFacility}
        GROUP BY user_id`,
      fromTs,
      toTs,
      ...facilityParam,
    ),
  );
  add(
    all(
      db,
      `SELECT created_by AS userId, count(*) AS letters FROM documents
        WHERE kind IN ('appeal', 'letter', 'statement') AND document_date BETWEEN ? AND ?${atFacility}
        GROUP BY created_by`,
      period.from,
      period.to,
      ...facilityParam,
    ),
  );
  add(
    all(
      db,
      `SELECT created_by AS userId, sum(reverses_id IS NULL) AS paymentsPosted,
          sum(amount) AS collections
         FROM receipts WHERE kind <> 'refund' AND received_date BETWEEN ? AND ?${atFacility}
        GROUP BY created_by`,
      period.from,
      period.to,
      ...facilityParam,
    ),
  );
  add(
    all(
      db,
      `SELECT created_by AS userId, count(*) AS promisesMade, sum(status = 'kept') AS promisesKept
         FROM promises WHERE kind = 'promise' AND created_at BETWEEN ? AND ?${atFacility}
        GROUP BY created_by`,
      fromTs,
      toTs,
      ...facilityParam,
    ),
  );
  const users = all<{ userId: number; name: string }>(
    db,
    `SELECT id AS userId, display_name AS name FROM users ORDER BY display_name, id`,
  );
  return users
    .filter((u) => (period.userId ? u.userId === period.userId : counts.has(u.userId)))
    .map((u) => ({
      ...u,
      accountsWorked: 0,
      calls: 0,
      letters: 0,
      paymentsPosted: 0,
      collections: 0,
      promisesMade: 0,
      promisesKept: 0,
      ...counts.get(u.userId),
    }));
}
