/**
 * Migration 19: what waits for a supervisor is more than a write-off. A request is now a
 * write-off over the day's limit, a refund a representative asks for, or a reversal (of a
 * ledger row or a whole payment) over the day's limit; each kind keeps what it needs to
 * post when approved, and the approval's own ledger row or receipt, so the day's limits
 * can tell what a supervisor approved from what went through on its own. The table is
 * rebuilt because side and reason were required of every request.
 *
 * user_permissions: what a supervisor allows one representative beyond the role (running
 * statements); a supervisor has them all. Granting and taking back are kept as user
 * history rows, so this table holds only what stands now.
 */
export const migration019 = `
CREATE TABLE approval_requests (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL DEFAULT 'write_off'
    CHECK (kind IN ('write_off', 'refund', 'reverse_entry', 'reverse_payment')),
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  claim_id INTEGER REFERENCES claims (id),
  side TEXT CHECK (side IS NULL OR side IN ('insurance', 'patient')),
  amount INTEGER NOT NULL CHECK (amount > 0),
  reason_code TEXT REFERENCES adjustment_reasons (code),
  memo TEXT,
  refund_method TEXT CHECK (refund_method IS NULL OR refund_method IN ('check', 'card', 'eft')),
  refund_reference TEXT,
  target_entry_id INTEGER REFERENCES ledger_entries (id),
  target_receipt_id INTEGER REFERENCES receipts (id),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  requested_at TEXT NOT NULL,
  requested_by INTEGER NOT NULL REFERENCES users (id),
  decided_at TEXT,
  decided_by INTEGER REFERENCES users (id),
  decision_note TEXT,
  ledger_entry_id INTEGER REFERENCES ledger_entries (id),
  receipt_id INTEGER REFERENCES receipts (id),
  CHECK (kind <> 'write_off' OR (side IS NOT NULL AND reason_code IS NOT NULL)),
  CHECK (kind <> 'refund'
    OR (side IS NOT NULL AND refund_method IS NOT NULL AND refund_reference IS NOT NULL)),
  CHECK (kind <> 'reverse_entry' OR target_entry_id IS NOT NULL),
  CHECK (kind <> 'reverse_payment' OR target_receipt_id IS NOT NULL)
);
INSERT INTO approval_requests (id, kind, account_id, claim_id, side, amount, reason_code, memo,
    status, requested_at, requested_by, decided_at, decided_by, decision_note, ledger_entry_id)
  SELECT id, 'write_off', account_id, claim_id, side, amount, reason_code, memo, status,
    requested_at, requested_by, decided_at, decided_by, decision_note, ledger_entry_id
  FROM adjustment_requests;
DROP TABLE adjustment_requests;
ALTER TABLE approval_requests RENAME TO adjustment_requests;
CREATE INDEX adjustment_requests_status ON adjustment_requests (status, requested_at);
CREATE INDEX adjustment_requests_account ON adjustment_requests (account_id, status);
CREATE INDEX adjustment_requests_entry ON adjustment_requests (ledger_entry_id)
  WHERE ledger_entry_id IS NOT NULL;
CREATE INDEX adjustment_requests_receipt ON adjustment_requests (receipt_id)
  WHERE receipt_id IS NOT NULL;

CREATE TABLE user_permissions (
  user_id INTEGER NOT NULL REFERENCES users (id),
  permission TEXT NOT NULL CHECK (permission IN ('run_statements')),
  granted_by INTEGER NOT NULL REFERENCES users (id),
  granted_at TEXT NOT NULL,
  PRIMARY KEY (user_id, permission)
);
`;
