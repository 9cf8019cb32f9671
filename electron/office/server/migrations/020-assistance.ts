/**
 * Server migration 20: financial-assistance applications and the notices of extraordinary
 * collection actions (IRS section 501(r)). Until now both stayed on the desk that recorded
 * them: an application received at one desk did not stop another from taking an
 * extraordinary collection action, nor did it know a notice was sent and when its deadline
 * falls.
 *
 * An application is received once, and its progress (incomplete, then decided) changes it
 * by version, as an account's status does (migration 15): never deleted, its gid, first
 * desk, account, date received and who recorded it fixed (a desk's login may update only
 * what changes, as migration 17 set for the other records). One application waits for a
 * decision per account at a time, as on each desk: of two desks receiving one on their
 * own, the second is refused. A notice is kept as sent: insert-only, as the payer's codes
 * are. Both are added by a desk only as itself (migration 12).
 */

/** What a desk's login may update in an application after it is made (as migration 17's CHANGING). */
export const CHANGING_020: Record<string, string> = {
  assistance_applications:
    'status, missing, complete_by, discounted_amount, decided_on, decision_note, decided_by',
};

export const serverMigration020 = `
CREATE TABLE assistance_applications (
  gid text PRIMARY KEY,
  account_gid text NOT NULL,
  received_on text NOT NULL CHECK (received_on ~ '^\\d{4}-\\d{2}-\\d{2}$'),
  status text NOT NULL CHECK (status IN ('pending', 'incomplete', 'eligible', 'ineligible')),
  missing text,
  complete_by text,
  discounted_amount bigint CHECK (discounted_amount IS NULL OR discounted_amount >= 0),
  decided_on text,
  decision_note text,
  -- the supervisor who decided it (migration 21 judges it)
  decided_by text,
  recorded_at text NOT NULL,
  recorded_by text NOT NULL,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  desktop_id uuid NOT NULL REFERENCES desktops (id),
  CHECK ((status IN ('eligible', 'ineligible')) = (decided_on IS NOT NULL)),
  CHECK (status <> 'eligible' OR discounted_amount IS NOT NULL)
);
CREATE UNIQUE INDEX assistance_applications_waiting_once ON assistance_applications (account_gid)
  WHERE status IN ('pending', 'incomplete');
CREATE TRIGGER assistance_applications_never_deleted BEFORE DELETE ON assistance_applications
  FOR EACH ROW EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER assistance_applications_no_truncate BEFORE TRUNCATE ON assistance_applications
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER assistance_applications_named_once BEFORE UPDATE OF gid, desktop_id
  ON assistance_applications FOR EACH ROW
  WHEN (NEW.gid IS DISTINCT FROM OLD.gid OR NEW.desktop_id IS DISTINCT FROM OLD.desktop_id)
  EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER assistance_applications_one_version_on BEFORE UPDATE ON assistance_applications
  FOR EACH ROW EXECUTE FUNCTION one_version_on();

CREATE TABLE eca_notices (
  gid text PRIMARY KEY,
  account_gid text NOT NULL,
  document_gid text NOT NULL,
  sent_on text NOT NULL CHECK (sent_on ~ '^\\d{4}-\\d{2}-\\d{2}$'),
  deadline text NOT NULL CHECK (deadline ~ '^\\d{4}-\\d{2}-\\d{2}$' AND deadline > sent_on),
  created_at text NOT NULL,
  created_by text NOT NULL,
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);
CREATE INDEX eca_notices_account ON eca_notices (account_gid);
CREATE TRIGGER eca_notices_insert_only BEFORE UPDATE OR DELETE ON eca_notices
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER eca_notices_no_truncate BEFORE TRUNCATE ON eca_notices
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

REVOKE ALL ON assistance_applications, eca_notices FROM PUBLIC;
GRANT SELECT, INSERT ON assistance_applications, eca_notices TO claimdesk_desktop;
${Object.entries(CHANGING_020)
  .map(([t, cols]) => `GRANT UPDATE (${cols}, version) ON ${t} TO claimdesk_desktop;`)
  .join('\n')}

-- a desk adds rows only as itself; any desk may move an application one version on, and a
-- first-copy application comes with its first change at version 2
ALTER TABLE assistance_applications ENABLE ROW LEVEL SECURITY;
CREATE POLICY assistance_applications_read ON assistance_applications FOR SELECT USING (true);
CREATE POLICY assistance_applications_insert_own ON assistance_applications FOR INSERT
  WITH CHECK (my_desk(desktop_id) AND (starts_with(gid, desktop_id::text || ':')
    OR (starts_with(gid, 'base:') AND version = 2)));
CREATE POLICY assistance_applications_change ON assistance_applications FOR UPDATE
  USING (true) WITH CHECK (true);
ALTER TABLE eca_notices ENABLE ROW LEVEL SECURITY;
CREATE POLICY eca_notices_read ON eca_notices FOR SELECT USING (true);
CREATE POLICY eca_notices_insert_own ON eca_notices FOR INSERT
  WITH CHECK (my_desk(desktop_id) AND starts_with(gid, desktop_id::text || ':'));
`;
