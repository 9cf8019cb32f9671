/**
 * Migration 45: the work queue's filters read their own keys. A filtered first page was
 * read from the rank index, skipping every follow-up the filter left out: at a million
 * accounts, 143 ms for a payer and an aging bucket. Each equality filter (payer, kind,
 * owner, aging bucket) now leads an index in rank order, with the other filters' columns
 * after it, so a second filter is judged in the index without reading the row (the status
 * leads, as in the rank index, so that the index covers the query).
 *
 * The aging bucket is kept on the follow-up (by the account upkeep, and moved on by the
 * daily work as amounts grow older) because an age range cannot be read in rank order.
 * It is filled here for today; the daily work corrects any follow-up whose day differs.
 * The payer and owner indexes of migration 7, ordered by due date, are replaced.
 *
 * The denials being worked, by deadline: the list read every denial and sorted the open
 * ones; it now reads this index in deadline order, and counts from it.
 */
export const migration045 = `
ALTER TABLE follow_ups ADD COLUMN aging_bucket TEXT;
UPDATE follow_ups SET aging_bucket = CASE
    WHEN oldest_open_date IS NULL THEN NULL
    WHEN oldest_open_date >= date('now', 'localtime', '-30 days') THEN 'current'
    WHEN oldest_open_date >= date('now', 'localtime', '-60 days') THEN 'd31_60'
    WHEN oldest_open_date >= date('now', 'localtime', '-90 days') THEN 'd61_90'
    WHEN oldest_open_date >= date('now', 'localtime', '-120 days') THEN 'd91_120'
    ELSE 'over120' END
  WHERE status = 'open';
DROP INDEX follow_ups_payer;
DROP INDEX follow_ups_owner;
CREATE INDEX follow_ups_payer_rank ON follow_ups
  (status, payer_id, rank, kind, owner_id, aging_bucket, due_date) WHERE status = 'open';
CREATE INDEX follow_ups_owner_rank ON follow_ups
  (status, owner_id, rank, payer_id, kind, aging_bucket, due_date) WHERE status = 'open';
CREATE INDEX follow_ups_kind_rank ON follow_ups
  (status, kind, rank, payer_id, owner_id, aging_bucket, due_date) WHERE status = 'open';
CREATE INDEX follow_ups_aging_rank ON follow_ups
  (status, aging_bucket, rank, oldest_open_date, payer_id, kind, owner_id, due_date) WHERE status = 'open';
CREATE INDEX accounts_owing ON accounts
  (guarantor_id, account_number, patient_balance, oldest_open_date, status)
  WHERE patient_balance <> 0 AND status IN ('open', 'agency');
CREATE INDEX accounts_owing_number ON accounts (account_number, guarantor_id, patient_balance, status)
  WHERE patient_balance <> 0 AND status IN ('open', 'agency');
CREATE INDEX denials_unresolved ON denials (deadline_date, amount DESC) WHERE state <> 'resolved';
`;
