/**
 * Migration 7: the work queue's indexes hold open follow-ups only. Every queue query asks
 * for `status = 'open'`, and a follow-up closed (by a posting, a remittance, a person)
 * now leaves these indexes instead of moving to another place in each of them, which
 * made closing one the dearest write of a remittance posting. The columns stay as they
 * were, status first, so every query's plan and covering index stay the same.
 */
export const migration007 = `
DROP INDEX follow_ups_rank;
DROP INDEX follow_ups_due;
DROP INDEX follow_ups_payer;
DROP INDEX follow_ups_owner;
-- covering, so a filtered first page never leaves the index
CREATE INDEX follow_ups_rank ON follow_ups
  (status, rank, due_date, oldest_open_date, balance, payer_id, owner_id, kind)
  WHERE status = 'open';
CREATE INDEX follow_ups_due ON follow_ups (status, due_date, oldest_open_date, balance)
  WHERE status = 'open';
CREATE INDEX follow_ups_payer ON follow_ups (status, payer_id, due_date) WHERE status = 'open';
CREATE INDEX follow_ups_owner ON follow_ups (status, owner_id, due_date) WHERE status = 'open';
`;
