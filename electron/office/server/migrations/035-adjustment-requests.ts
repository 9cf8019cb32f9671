/**
 * Server migration 35: a request waiting for a supervisor's approval (a write-off or refund over
 * a representative's limit, a reversal of a ledger row or a payment) and its decision travel.
 * Until now a request stayed on the desk where it was filed: in an office the supervisor works
 * at a desk of their own and never saw it, and two supervisors could each approve a copy of one
 * request, posting it twice.
 *
 * A request is filed once, by anyone, and decided once, by version, as an application for
 * financial assistance is (migration 20): never deleted, its gid, first desk and what it asks
 * for fixed (a desk's login may update only the decision, `CHANGING_035`, checked with the
 * others by changing-columns.test.ts). Once decided it never changes again, whoever writes it.
 * A request of the office's first copy reaches the server with its decision, at version 2.
 *
 * The decision is judged as migration 21 judges the collection cycle's: who decided it
 * (`decided_by`) must be an active supervisor on the server's own users, as the statement
 * found them. A representative's desk deciding (its user made a supervisor by hand in its own
 * copy) is refused, and its posting with it: the decision travels in the entry of what it
 * posted.
 */

/** What a desk's login may update in a request after it is filed (as migration 17's CHANGING). */
export const CHANGING_035: Record<string, string> = {
  adjustment_requests:
    'status, decided_at, decided_by, decision_note, ledger_entry_gid, receipt_gid',
};

export const serverMigration035 = `
CREATE TABLE adjustment_requests (
  gid text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('write_off', 'refund', 'reverse_entry', 'reverse_payment')),
  account_gid text NOT NULL,
  claim_gid text,
  side text CHECK (side IS NULL OR side IN ('insurance', 'patient')),
  amount bigint NOT NULL CHECK (amount > 0),
  reason_code text,
  memo text,
  refund_method text CHECK (refund_method IS NULL OR refund_method IN ('check', 'card', 'eft')),
  refund_reference text,
  target_entry_gid text,
  target_receipt_gid text,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  requested_at text NOT NULL,
  requested_by text NOT NULL,
  decided_at text,
  -- the supervisor who decided it, judged below
  decided_by text,
  decision_note text,
  -- what the approval posted, in the same entry
  ledger_entry_gid text,
  receipt_gid text,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  desktop_id uuid NOT NULL REFERENCES desktops (id),
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK (kind <> 'write_off' OR (side IS NOT NULL AND reason_code IS NOT NULL)),
  CHECK (kind <> 'refund'
    OR (side IS NOT NULL AND refund_method IS NOT NULL AND refund_reference IS NOT NULL)),
  CHECK (kind <> 'reverse_entry' OR target_entry_gid IS NOT NULL),
  CHECK (kind <> 'reverse_payment' OR target_receipt_gid IS NOT NULL)
);
CREATE INDEX adjustment_requests_account ON adjustment_requests (account_gid, status);
CREATE TRIGGER adjustment_requests_never_deleted BEFORE DELETE ON adjustment_requests
  FOR EACH ROW EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER adjustment_requests_no_truncate BEFORE TRUNCATE ON adjustment_requests
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER adjustment_requests_named_once BEFORE UPDATE OF gid, desktop_id
  ON adjustment_requests FOR EACH ROW
  WHEN (NEW.gid IS DISTINCT FROM OLD.gid OR NEW.desktop_id IS DISTINCT FROM OLD.desktop_id)
  EXECUTE FUNCTION refuse_record_delete();
-- decided once: a decision is never changed or taken back, by anyone
CREATE TRIGGER adjustment_requests_decided_once BEFORE UPDATE ON adjustment_requests
  FOR EACH ROW WHEN (OLD.status <> 'pending') EXECUTE FUNCTION refuse_change();
CREATE TRIGGER adjustment_requests_one_version_on BEFORE UPDATE ON adjustment_requests
  FOR EACH ROW EXECUTE FUNCTION one_version_on();
-- anyone files a request; only a supervisor decides one
CREATE TRIGGER adjustment_requests_judged BEFORE INSERT OR UPDATE ON adjustment_requests
  FOR EACH ROW EXECUTE FUNCTION supervisor_decision_judged(
    '', 'requested_by', 'decided_at', 'decided_by',
    'approve or refuse a request waiting for approval');

REVOKE ALL ON adjustment_requests FROM PUBLIC;
GRANT SELECT, INSERT ON adjustment_requests TO claimdesk_desktop;
${Object.entries(CHANGING_035)
  .map(([t, cols]) => `GRANT UPDATE (${cols}, version) ON ${t} TO claimdesk_desktop;`)
  .join('\n')}

-- a desk files requests only as itself; any desk may decide one, one version on, and a
-- first-copy request comes with its decision at version 2
ALTER TABLE adjustment_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY adjustment_requests_read ON adjustment_requests FOR SELECT USING (true);
CREATE POLICY adjustment_requests_insert_own ON adjustment_requests FOR INSERT
  WITH CHECK (my_desk(desktop_id) AND (starts_with(gid, desktop_id::text || ':')
    OR (starts_with(gid, 'base:') AND version = 2)));
CREATE POLICY adjustment_requests_change ON adjustment_requests FOR UPDATE
  USING (true) WITH CHECK (true);
`;
