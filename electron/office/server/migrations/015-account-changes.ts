/**
 * Server migration 15: an account's own changes (its status: open, bad debt, with an agency,
 * closed; its financial class) travel by version, as migration 11 made claims, people,
 * payers and coverages do. Until now accounts were insert-only (migration 5) and an account
 * moved to bad debt or placed with an agency at one desk stayed open at the others, which
 * could then send it statements or work it.
 *
 * The same as migration 11 did for the four: a version, no insert-only trigger, never
 * deleted and its gid and first desk never changed; the desks' role may UPDATE it. A row of
 * the office's first copy is not here until its first change brings it at version 2. And as
 * migration 12 holds the four: any desk may change an account (the version it started from
 * decides), each change exactly one version on whoever writes it, and a desk's login adds
 * an account only as its own or a first-copy account with its first change.
 *
 * The cached balances, aging and queue columns are never here: each desktop sums its own
 * ledger.
 *
 * And a move of an account's patient balance to bad debt, sent in the entry of its
 * write-off, so the two are taken or refused together. One move stands per account at a
 * time, as on each desktop: of two desks moving one account at once, the second is refused
 * and withdraws its write-off with it, so the balance is not written off twice. Its undoing
 * is its one later change, by version like the rest; a move of the first copy comes with
 * its undoing, at version 2. The supervisor's approval it answered stays on its desk.
 *
 * And the agencies accounts are placed with: an agency as a supervisor added it (one name
 * office-wide, as on each desktop; its later edits stay on the desk), each sending of
 * accounts to one, insert-only, and each account placed, whose recall is its one later
 * change by version. One placement is open per account at a time: of two desks placing one
 * account at once, the second is refused with what it sent. An extraordinary collection
 * action (501(r): the agency referral a placement is, a credit report, a debt sale, a legal
 * action) travels likewise, its reversal its one change.
 *
 * And an agency's payment files and the payments they post, insert-only, in the entry of
 * the posting's receipts: a payment is posted once per agency and reference office-wide, as
 * on each desktop, so the same file imported at two desks is posted by the first and
 * refused, withdrawn whole, at the second.
 */
export const serverMigration015 = `
ALTER TABLE accounts ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
DROP TRIGGER accounts_insert_only ON accounts;
CREATE TRIGGER accounts_never_deleted BEFORE DELETE ON accounts
  FOR EACH ROW EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER accounts_named_once BEFORE UPDATE OF gid, desktop_id ON accounts
  FOR EACH ROW WHEN (NEW.gid IS DISTINCT FROM OLD.gid OR NEW.desktop_id IS DISTINCT FROM OLD.desktop_id)
  EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER accounts_one_version_on BEFORE UPDATE ON accounts
  FOR EACH ROW EXECUTE FUNCTION one_version_on();

DROP POLICY accounts_insert_own ON accounts;
CREATE POLICY accounts_insert_own ON accounts FOR INSERT WITH CHECK (
  my_desk(desktop_id) AND (starts_with(gid, desktop_id::text || ':')
    OR (starts_with(gid, 'base:') AND version = 2)));
CREATE POLICY accounts_change ON accounts FOR UPDATE USING (true) WITH CHECK (true);

GRANT UPDATE ON accounts TO claimdesk_desktop;

CREATE TABLE bad_debt_moves (
  gid text PRIMARY KEY,
  account_gid text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  moved_on text NOT NULL,
  moved_at text NOT NULL,
  moved_by text NOT NULL,
  undone_at text,
  undone_by text,
  undo_reason text,
  recovered bigint NOT NULL DEFAULT 0,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  desktop_id uuid NOT NULL REFERENCES desktops (id),
  CHECK ((undone_at IS NULL) = (undone_by IS NULL))
);
CREATE UNIQUE INDEX bad_debt_moves_one_standing ON bad_debt_moves (account_gid)
  WHERE undone_at IS NULL;
CREATE TRIGGER bad_debt_moves_never_deleted BEFORE DELETE ON bad_debt_moves
  FOR EACH ROW EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER bad_debt_moves_no_truncate BEFORE TRUNCATE ON bad_debt_moves
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER bad_debt_moves_named_once BEFORE UPDATE OF gid, desktop_id ON bad_debt_moves
  FOR EACH ROW WHEN (NEW.gid IS DISTINCT FROM OLD.gid OR NEW.desktop_id IS DISTINCT FROM OLD.desktop_id)
  EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER bad_debt_moves_one_version_on BEFORE UPDATE ON bad_debt_moves
  FOR EACH ROW EXECUTE FUNCTION one_version_on();

REVOKE ALL ON bad_debt_moves FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE ON bad_debt_moves TO claimdesk_desktop;
ALTER TABLE bad_debt_moves ENABLE ROW LEVEL SECURITY;
CREATE POLICY bad_debt_moves_read ON bad_debt_moves FOR SELECT USING (true);
CREATE POLICY bad_debt_moves_insert_own ON bad_debt_moves FOR INSERT WITH CHECK (
  my_desk(desktop_id) AND (starts_with(gid, desktop_id::text || ':')
    OR (starts_with(gid, 'base:') AND version = 2)));
CREATE POLICY bad_debt_moves_change ON bad_debt_moves FOR UPDATE USING (true) WITH CHECK (true);

CREATE TABLE agencies (
  gid text PRIMARY KEY,
  name text NOT NULL CHECK (length(trim(name)) > 0),
  columns text NOT NULL,
  commission_bps integer NOT NULL CHECK (commission_bps BETWEEN 0 AND 10000),
  remittance text NOT NULL CHECK (remittance IN ('gross', 'net')),
  contact text,
  active integer NOT NULL CHECK (active IN (0, 1)),
  created_at text NOT NULL,
  created_by text NOT NULL,
  updated_at text NOT NULL,
  updated_by text NOT NULL,
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);
CREATE UNIQUE INDEX agencies_name_once ON agencies (lower(name));

CREATE TABLE agency_placement_batches (
  gid text PRIMARY KEY,
  agency_gid text NOT NULL,
  placed_on text NOT NULL,
  columns text NOT NULL,
  account_count integer NOT NULL CHECK (account_count > 0),
  balance bigint NOT NULL,
  created_at text NOT NULL,
  created_by text NOT NULL,
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);

CREATE TABLE agency_placements (
  gid text PRIMARY KEY,
  agency_gid text NOT NULL,
  batch_gid text NOT NULL,
  account_gid text NOT NULL,
  placed_on text NOT NULL,
  balance_placed bigint NOT NULL,
  recalled_on text,
  recalled_at text,
  recalled_by text,
  recall_reason text,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  desktop_id uuid NOT NULL REFERENCES desktops (id),
  CHECK ((recalled_on IS NULL) = (recalled_by IS NULL))
);
CREATE UNIQUE INDEX agency_placements_open_once ON agency_placements (account_gid)
  WHERE recalled_on IS NULL;

CREATE TRIGGER agencies_insert_only BEFORE UPDATE OR DELETE ON agencies
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER agencies_no_truncate BEFORE TRUNCATE ON agencies
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER agency_placement_batches_insert_only BEFORE UPDATE OR DELETE
  ON agency_placement_batches FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER agency_placement_batches_no_truncate BEFORE TRUNCATE ON agency_placement_batches
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER agency_placements_never_deleted BEFORE DELETE ON agency_placements
  FOR EACH ROW EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER agency_placements_no_truncate BEFORE TRUNCATE ON agency_placements
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER agency_placements_named_once BEFORE UPDATE OF gid, desktop_id ON agency_placements
  FOR EACH ROW WHEN (NEW.gid IS DISTINCT FROM OLD.gid OR NEW.desktop_id IS DISTINCT FROM OLD.desktop_id)
  EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER agency_placements_one_version_on BEFORE UPDATE ON agency_placements
  FOR EACH ROW EXECUTE FUNCTION one_version_on();

REVOKE ALL ON agencies, agency_placement_batches, agency_placements FROM PUBLIC;
GRANT SELECT, INSERT ON agencies, agency_placement_batches TO claimdesk_desktop;
GRANT SELECT, INSERT, UPDATE ON agency_placements TO claimdesk_desktop;
ALTER TABLE agencies ENABLE ROW LEVEL SECURITY;
CREATE POLICY agencies_read ON agencies FOR SELECT USING (true);
CREATE POLICY agencies_insert_own ON agencies FOR INSERT
  WITH CHECK (my_desk(desktop_id) AND starts_with(gid, desktop_id::text || ':'));
ALTER TABLE agency_placement_batches ENABLE ROW LEVEL SECURITY;
CREATE POLICY agency_placement_batches_read ON agency_placement_batches FOR SELECT USING (true);
CREATE POLICY agency_placement_batches_insert_own ON agency_placement_batches FOR INSERT
  WITH CHECK (my_desk(desktop_id) AND starts_with(gid, desktop_id::text || ':'));
ALTER TABLE agency_placements ENABLE ROW LEVEL SECURITY;
CREATE POLICY agency_placements_read ON agency_placements FOR SELECT USING (true);
CREATE POLICY agency_placements_insert_own ON agency_placements FOR INSERT WITH CHECK (
  my_desk(desktop_id) AND (starts_with(gid, desktop_id::text || ':')
    OR (starts_with(gid, 'base:') AND version = 2)));
CREATE POLICY agency_placements_change ON agency_placements FOR UPDATE
  USING (true) WITH CHECK (true);

CREATE TABLE extraordinary_actions (
  gid text PRIMARY KEY,
  account_gid text NOT NULL,
  action text NOT NULL
    CHECK (action IN ('agency_referral', 'debt_sale', 'legal_action', 'credit_report')),
  taken_on text NOT NULL,
  note text,
  taken_at text NOT NULL,
  taken_by text NOT NULL,
  reversed_on text,
  reversed_at text,
  reversed_by text,
  reversal_reason text,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  desktop_id uuid NOT NULL REFERENCES desktops (id),
  CHECK ((reversed_on IS NULL) = (reversed_by IS NULL))
);
CREATE TRIGGER extraordinary_actions_never_deleted BEFORE DELETE ON extraordinary_actions
  FOR EACH ROW EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER extraordinary_actions_no_truncate BEFORE TRUNCATE ON extraordinary_actions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER extraordinary_actions_named_once BEFORE UPDATE OF gid, desktop_id
  ON extraordinary_actions FOR EACH ROW
  WHEN (NEW.gid IS DISTINCT FROM OLD.gid OR NEW.desktop_id IS DISTINCT FROM OLD.desktop_id)
  EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER extraordinary_actions_one_version_on BEFORE UPDATE ON extraordinary_actions
  FOR EACH ROW EXECUTE FUNCTION one_version_on();
REVOKE ALL ON extraordinary_actions FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE ON extraordinary_actions TO claimdesk_desktop;
ALTER TABLE extraordinary_actions ENABLE ROW LEVEL SECURITY;
CREATE POLICY extraordinary_actions_read ON extraordinary_actions FOR SELECT USING (true);
CREATE POLICY extraordinary_actions_insert_own ON extraordinary_actions FOR INSERT WITH CHECK (
  my_desk(desktop_id) AND (starts_with(gid, desktop_id::text || ':')
    OR (starts_with(gid, 'base:') AND version = 2)));
CREATE POLICY extraordinary_actions_change ON extraordinary_actions FOR UPDATE
  USING (true) WITH CHECK (true);

CREATE TABLE agency_payment_files (
  gid text PRIMARY KEY,
  agency_gid text NOT NULL,
  file_name text NOT NULL,
  sha256 text NOT NULL,
  row_count integer NOT NULL,
  gross bigint NOT NULL,
  commission bigint NOT NULL,
  imported_at text NOT NULL,
  imported_by text NOT NULL,
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);
CREATE TABLE agency_payments (
  gid text PRIMARY KEY,
  file_gid text NOT NULL,
  agency_gid text NOT NULL,
  placement_gid text NOT NULL,
  account_gid text NOT NULL,
  paid_on text NOT NULL,
  reference text NOT NULL,
  gross bigint NOT NULL CHECK (gross > 0),
  commission bigint NOT NULL CHECK (commission BETWEEN 0 AND gross),
  remittance text NOT NULL CHECK (remittance IN ('gross', 'net')),
  receipt_gid text,
  desktop_id uuid NOT NULL REFERENCES desktops (id),
  CONSTRAINT agency_payments_once UNIQUE (agency_gid, reference)
);
${['agency_payment_files', 'agency_payments']
  .map(
    (t) => `CREATE TRIGGER ${t}_insert_only BEFORE UPDATE OR DELETE ON ${t}
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t}
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
REVOKE ALL ON ${t} FROM PUBLIC;
GRANT SELECT, INSERT ON ${t} TO claimdesk_desktop;
ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;
CREATE POLICY ${t}_read ON ${t} FOR SELECT USING (true);
CREATE POLICY ${t}_insert_own ON ${t} FOR INSERT
  WITH CHECK (my_desk(desktop_id) AND starts_with(gid, desktop_id::text || ':'));`,
  )
  .join('\n')}
`;
