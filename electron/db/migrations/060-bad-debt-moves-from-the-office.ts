/**
 * Migration 60: the collection cycle between the desks of an office.
 *
 * A move to bad debt travels between the desks of an office (see the office
 * design, "An account's own changes"), but the supervisor's approval it answered stays on the
 * desk that approved it. A move taken from another desk names no request here, so
 * `request_id` may be empty; a move made here still names its request, once. SQLite cannot
 * loosen NOT NULL in place, so the table is made again with its rows and indexes; nothing
 * names a move by foreign key.
 *
 * A recovery (a payment on the account while it is in bad debt, or that payment's
 * reversal) keeps the sum recovered on the standing move, `recovered`, so that it changes
 * the move's row: its entry then carries a versioned change of the move, and a recovery at
 * one desk and the move's undoing at another cannot both be accepted by the office (the
 * undoing reverses only the recoveries its desk knows of). A standing move gets the sum
 * recovered so far; an undone one, which nothing recovers on any more, none.
 *
 * A placement with an agency is kept as placed, only its recall recorded, and never
 * deleted: still so, but for the sync worker (the capture off), which writes the office's
 * row of a placement over this desk's (a recall refused because another desk changed the
 * placement first) and withdraws a placement the office refused, as it does a ledger row;
 * and an agency's payment, withdrawn with its posting when the office refuses it (the same
 * reference posted at another desk first).
 *
 * The collection records an older version made at a linked desk were never captured, so
 * they have no office-wide id and would fall back to `base:<id>`, the name of the first
 * copy's row of that id, which another desk's own row may share: an undoing or a recall of
 * one sent now would land on that row there. Each agency payment file and payment made at or
 * after the link is named this desk's own (`own:`), as a record the office refused is kept:
 * never sent. This migration named the moves, agencies, sendings, placements and actions own
 * too, until migration 67 came to send them: a desk upgrading past both names them there.
 */
export const migration060 = `
CREATE TABLE bad_debt_moves_new (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  -- the approval it answered; empty for a move taken from another desk of the office
  request_id INTEGER UNIQUE REFERENCES adjustment_requests (id),
  amount INTEGER NOT NULL CHECK (amount > 0),
  moved_on TEXT NOT NULL,
  moved_at TEXT NOT NULL,
  -- the supervisor who approved it
  moved_by INTEGER NOT NULL REFERENCES users (id),
  undone_at TEXT,
  undone_by INTEGER REFERENCES users (id),
  undo_reason TEXT,
  -- recovered since the move (recovery adjustments net of their reversals); see below
  recovered INTEGER NOT NULL DEFAULT 0,
  CHECK ((undone_at IS NULL) = (undone_by IS NULL))
);
INSERT INTO bad_debt_moves_new
  SELECT m.id, m.account_id, m.request_id, m.amount, m.moved_on, m.moved_at, m.moved_by,
      m.undone_at, m.undone_by, m.undo_reason,
      CASE WHEN m.undone_at IS NULL THEN
        (SELECT ifnull(sum(l.amount), 0) FROM ledger_entries l
          WHERE l.account_id = m.account_id AND l.reason_code = 'BAD_DEBT_RECOVERY'
            AND l.created_at >= m.moved_at)
      ELSE 0 END
    FROM bad_debt_moves m;
DROP TABLE bad_debt_moves;
ALTER TABLE bad_debt_moves_new RENAME TO bad_debt_moves;
CREATE INDEX bad_debt_moves_account ON bad_debt_moves (account_id, undone_at);
CREATE UNIQUE INDEX bad_debt_moves_one_standing ON bad_debt_moves (account_id)
  WHERE undone_at IS NULL;

INSERT INTO sync_rows (tbl, local_id, gid, version)
  SELECT 'agency_payment_files', f.id, 'own:' || f.id, 1 FROM agency_payment_files f, office_link l
   WHERE f.imported_at >= l.linked_at
     AND NOT EXISTS (SELECT 1 FROM sync_rows s
                      WHERE s.tbl = 'agency_payment_files' AND s.local_id = f.id);
INSERT INTO sync_rows (tbl, local_id, gid, version)
  SELECT 'agency_payments', p.id, 'own:' || p.id, 1
    FROM agency_payments p JOIN agency_payment_files f ON f.id = p.file_id, office_link l
   WHERE f.imported_at >= l.linked_at
     AND NOT EXISTS (SELECT 1 FROM sync_rows s WHERE s.tbl = 'agency_payments' AND s.local_id = p.id);

DROP TRIGGER agency_placements_kept;
CREATE TRIGGER agency_placements_kept BEFORE UPDATE ON agency_placements
  WHEN (SELECT capture FROM office_link) IS NOT 0 AND (OLD.recalled_on IS NOT NULL
    OR NEW.agency_id IS NOT OLD.agency_id OR NEW.account_id IS NOT OLD.account_id
    OR NEW.batch_id IS NOT OLD.batch_id OR NEW.placed_on IS NOT OLD.placed_on
    OR NEW.balance_placed IS NOT OLD.balance_placed)
BEGIN SELECT RAISE(ABORT, 'a placement is kept as placed; only its recall is recorded'); END;
DROP TRIGGER agency_payments_no_delete;
CREATE TRIGGER agency_payments_no_delete BEFORE DELETE ON agency_payments
  WHEN (SELECT capture FROM office_link) IS NOT 0
BEGIN SELECT RAISE(ABORT, 'agency payments are kept as posted'); END;
DROP TRIGGER agency_placements_no_delete;
CREATE TRIGGER agency_placements_no_delete BEFORE DELETE ON agency_placements
  WHEN (SELECT capture FROM office_link) IS NOT 0
BEGIN SELECT RAISE(ABORT, 'placements are kept'); END;
`;
