/**
 * Server migration 2: money. Receipts and ledger rows are insert-only here as on every
 * desktop: a trigger refuses UPDATE and DELETE to everyone (the owner included), and the
 * desktops' role is granted INSERT and SELECT only. A reversal names the row it cancels in
 * a unique column, so two desktops reversing one payment cannot both succeed: the second
 * is refused and listed as not synced at its desktop. Payments never conflict otherwise;
 * two desktops' payments on one account simply add up.
 *
 * Balances, aging and queue columns are not here: each desktop sums its own ledger.
 * Rows name accounts, claims and users by office-wide ids without foreign keys, since the
 * rows of the copy the office started from ("base:" ids) are not all on the server.
 */
export const serverMigration002 = `
-- the role a desktop's login belongs to; roles are the cluster's, shared by its databases.
-- Made here only when missing: an office's login made as the README says (no CREATEROLE)
-- finds it made by the postgres user, and CREATE ROLE would be refused before it looked
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'claimdesk_desktop') THEN
    CREATE ROLE claimdesk_desktop NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END $$;

CREATE TABLE receipts (
  gid text PRIMARY KEY,
  account_gid text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('patient_payment', 'insurance_payment', 'refund')),
  payer_gid text,
  method text NOT NULL CHECK (method IN ('cash', 'check', 'card', 'eft')),
  check_number text,
  reference text,
  amount bigint NOT NULL,
  received_date text NOT NULL CHECK (received_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
  memo text,
  reverses_gid text CONSTRAINT receipts_reversed_once UNIQUE,
  created_at text NOT NULL,
  created_by text NOT NULL,
  desktop_id uuid NOT NULL REFERENCES desktops (id),
  CHECK (reverses_gid IS NOT NULL OR amount > 0 OR (kind = 'insurance_payment' AND amount = 0))
);
CREATE INDEX receipts_account ON receipts (account_gid);

CREATE TABLE ledger_entries (
  gid text PRIMARY KEY,
  account_gid text NOT NULL,
  claim_gid text,
  claim_line_gid text,
  kind text NOT NULL CHECK (kind IN ('charge', 'payment', 'adjustment', 'transfer', 'refund')),
  side text NOT NULL CHECK (side IN ('insurance', 'patient')),
  amount bigint NOT NULL CHECK (amount <> 0),
  posting_date text NOT NULL CHECK (posting_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
  payer_gid text,
  reference text,
  reason_code text,
  memo text,
  reverses_gid text CONSTRAINT ledger_entries_reversed_once UNIQUE,
  receipt_gid text,
  created_at text NOT NULL,
  created_by text NOT NULL,
  desktop_id uuid NOT NULL REFERENCES desktops (id),
  CHECK (
    reverses_gid IS NOT NULL
    OR (kind = 'charge' AND amount > 0)
    OR (kind = 'payment' AND amount < 0)
    OR (kind = 'refund' AND amount > 0)
    OR kind IN ('adjustment', 'transfer')
  )
);
CREATE INDEX ledger_entries_account ON ledger_entries (account_gid, posting_date);
CREATE INDEX ledger_entries_receipt ON ledger_entries (receipt_gid) WHERE receipt_gid IS NOT NULL;

CREATE TRIGGER receipts_insert_only BEFORE UPDATE OR DELETE ON receipts
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER ledger_entries_insert_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
-- a statement trigger, since TRUNCATE fires no row triggers
CREATE TRIGGER receipts_no_truncate BEFORE TRUNCATE ON receipts
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

REVOKE ALL ON receipts, ledger_entries FROM PUBLIC;
GRANT SELECT, INSERT ON receipts, ledger_entries TO claimdesk_desktop;
`;
