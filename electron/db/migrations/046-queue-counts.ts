/**
 * Migration 46: the work queue's count without counting. The queue says how many
 * follow-ups are due, and the list is as long as that; counting them read every entry of
 * an index, at a million accounts more than two hundred thousand, longer than a frame on
 * its own. This table holds how many open follow-ups there are for each due date, payer,
 * kind, owner and aging bucket, a few thousand rows whatever the size of the hospital,
 * kept by triggers in the statement that changes a follow-up, so it never disagrees with
 * them. (No payer, no owner and no bucket are kept as 0, 0 and '', so they are keys.)
 *
 * The due date leads an index in rank order with the other filters after it, in place of
 * the one by due date alone: a date long past picks out few follow-ups, which are read
 * from it and sorted, instead of reading the rank index past every follow-up due later.
 */
const KEY = (r: 'new' | 'old') =>
  `${r}.due_date, ifnull(${r}.payer_id, 0), ${r}.kind, ifnull(${r}.owner_id, 0),
    ifnull(${r}.aging_bucket, '')`;
const MATCHES = (r: 'new' | 'old') =>
  `due_date = ${r}.due_date AND payer_id = ifnull(${r}.payer_id, 0) AND kind = ${r}.kind
    AND owner_id = ifnull(${r}.owner_id, 0) AND aging_bucket = ifnull(${r}.aging_bucket, '')`;
const COUNTED = `status, due_date, payer_id, kind, owner_id, aging_bucket`;

/** One more under the follow-up's key, or one less (its row goes with its last one). */
const add = (
  r: 'new',
) => `INSERT INTO queue_counts (due_date, payer_id, kind, owner_id, aging_bucket, n)
    SELECT ${KEY(r)}, 1 WHERE ${r}.status = 'open'
    ON CONFLICT DO UPDATE SET n = n + 1;`;
const remove = (
  r: 'old',
) => `DELETE FROM queue_counts WHERE ${r}.status = 'open' AND ${MATCHES(r)} AND n = 1;
  UPDATE queue_counts SET n = n - 1 WHERE ${r}.status = 'open' AND ${MATCHES(r)};`;

/** Every open follow-up counted under its key: the table's contents, from scratch. */
export const QUEUE_COUNTS_FILL = `
  INSERT INTO queue_counts (due_date, payer_id, kind, owner_id, aging_bucket, n)
  SELECT due_date, ifnull(payer_id, 0), kind, ifnull(owner_id, 0), ifnull(aging_bucket, ''), count(*)
    FROM follow_ups WHERE status = 'open' GROUP BY 1, 2, 3, 4, 5`;

export const migration046 = `
CREATE TABLE queue_counts (
  due_date TEXT NOT NULL,
  payer_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  owner_id INTEGER NOT NULL,
  aging_bucket TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (due_date, payer_id, kind, owner_id, aging_bucket)
) WITHOUT ROWID;
${QUEUE_COUNTS_FILL};

CREATE TRIGGER follow_ups_counted_insert AFTER INSERT ON follow_ups WHEN new.status = 'open'
BEGIN
  ${add('new')}
END;

CREATE TRIGGER follow_ups_counted_delete AFTER DELETE ON follow_ups WHEN old.status = 'open'
BEGIN
  ${remove('old')}
END;

-- the upkeep sets the payer and the bucket whenever it writes the rank: only a change counts
CREATE TRIGGER follow_ups_counted_update AFTER UPDATE OF ${COUNTED} ON follow_ups
WHEN (old.status = 'open' OR new.status = 'open')
  AND (old.status IS NOT new.status OR old.due_date IS NOT new.due_date
    OR old.payer_id IS NOT new.payer_id OR old.kind IS NOT new.kind
    OR old.owner_id IS NOT new.owner_id OR old.aging_bucket IS NOT new.aging_bucket)
BEGIN
  ${remove('old')}
  ${add('new')}
END;

DROP INDEX follow_ups_due;
CREATE INDEX follow_ups_due_rank ON follow_ups
  (status, due_date, rank, payer_id, kind, owner_id, aging_bucket, balance) WHERE status = 'open';
`;
