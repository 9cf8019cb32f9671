/**
 * Server migration 16: the denial an 835 opens on a claim, and the payer's answers to its
 * appeals. Until now both stayed on the desk that imported the 835: another desk's
 * representative never saw the denial, could not work it, and a payer's new appeal window
 * moved only that desk's deadlines.
 *
 * A denial is created in its posting's request, with the follow-up that tracks it, and
 * changes later by version as a claim does (migration 11): its state, appeal level,
 * resolution and deadline (a payer's new window), and, when the claim is denied again, its
 * codes and follow-up. One per claim office-wide, as on each desk: of two desks recording
 * a claim's denial on their own, the second is refused and takes the office's. A row of the
 * office's first copy comes with its first change, at version 2. Never deleted; its gid,
 * first desk and claim never change. The payer's answers (`appeal_responses`) are kept as
 * recorded: insert-only, as the payer's codes are (migration 10).
 */
export const serverMigration016 = `
CREATE TABLE denials (
  gid text PRIMARY KEY,
  claim_gid text NOT NULL CONSTRAINT denials_claim_once UNIQUE,
  follow_up_gid text NOT NULL,
  category text NOT NULL,
  action text NOT NULL CHECK (action IN ('appeal', 'correct_and_resubmit')),
  codes text NOT NULL,
  amount bigint NOT NULL,
  remit_date text NOT NULL CHECK (remit_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
  deadline_date text NOT NULL CHECK (deadline_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
  state text NOT NULL,
  appeal_level text NOT NULL CHECK (appeal_level IN ('first', 'second', 'external')),
  resolution text,
  created_at text NOT NULL,
  updated_at text NOT NULL,
  updated_by text NOT NULL,
  desktop_id uuid NOT NULL REFERENCES desktops (id),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1)
);
CREATE TRIGGER denials_never_deleted BEFORE DELETE ON denials
  FOR EACH ROW EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER denials_named_once BEFORE UPDATE OF gid, desktop_id, claim_gid ON denials
  FOR EACH ROW WHEN (NEW.gid IS DISTINCT FROM OLD.gid OR NEW.desktop_id IS DISTINCT FROM OLD.desktop_id
    OR NEW.claim_gid IS DISTINCT FROM OLD.claim_gid)
  EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER denials_no_truncate BEFORE TRUNCATE ON denials
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER denials_one_version_on BEFORE UPDATE ON denials
  FOR EACH ROW EXECUTE FUNCTION one_version_on();

CREATE TABLE appeal_responses (
  gid text PRIMARY KEY,
  denial_gid text NOT NULL,
  level text NOT NULL CHECK (level IN ('first', 'second', 'external')),
  kind text NOT NULL CHECK (kind IN ('acknowledged', 'upheld')),
  letter_date text NOT NULL CHECK (letter_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
  reference text,
  recorded_at text NOT NULL,
  recorded_by text NOT NULL,
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);
CREATE INDEX appeal_responses_denial ON appeal_responses (denial_gid);
CREATE TRIGGER appeal_responses_insert_only BEFORE UPDATE OR DELETE ON appeal_responses
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER appeal_responses_no_truncate BEFORE TRUNCATE ON appeal_responses
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

REVOKE ALL ON denials, appeal_responses FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE ON denials TO claimdesk_desktop;
GRANT SELECT, INSERT ON appeal_responses TO claimdesk_desktop;

-- a desk's login adds rows only as itself (migration 12); any desk may change a denial, one
-- version on, and a first-copy denial comes with its first change at version 2
ALTER TABLE denials ENABLE ROW LEVEL SECURITY;
CREATE POLICY denials_read ON denials FOR SELECT USING (true);
CREATE POLICY denials_insert_own ON denials FOR INSERT WITH CHECK (my_desk(desktop_id)
  AND (starts_with(gid, desktop_id::text || ':') OR (starts_with(gid, 'base:') AND version = 2)));
CREATE POLICY denials_change ON denials FOR UPDATE USING (true) WITH CHECK (true);
ALTER TABLE appeal_responses ENABLE ROW LEVEL SECURITY;
CREATE POLICY appeal_responses_read ON appeal_responses FOR SELECT USING (true);
CREATE POLICY appeal_responses_insert_own ON appeal_responses FOR INSERT
  WITH CHECK (my_desk(desktop_id) AND starts_with(gid, desktop_id::text || ':'));
`;
