/**
 * Server migration 3: who is working which account right now. A mark is presence, not
 * data: it never enters the change log, the outbox or the ledger, and it is lost with the
 * server's memory of it (an unlogged table: no WAL, not copied to a standby; after a crash
 * or a failover the desktops put their marks back at their next renewal). One mark per
 * desktop: a desk works one account at a time, so opening the next one replaces it.
 * A mark not renewed by its expiry is ignored by readers and swept by the next writer.
 * Every change a reader would see is announced on its own channel, so the other desktops
 * refresh at once; a renewal that only moves the expiry is not.
 */
export const serverMigration003 = `
CREATE UNLOGGED TABLE working_marks (
  desktop_id uuid PRIMARY KEY REFERENCES desktops (id),
  account_gid text NOT NULL,
  follow_up_gid text,
  user_name text NOT NULL,
  since timestamptz NOT NULL,
  expires_at timestamptz NOT NULL CHECK (expires_at > since)
);

CREATE FUNCTION announce_working_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('claimdesk_marks', OLD.desktop_id::text);
  ELSE
    PERFORM pg_notify('claimdesk_marks', NEW.desktop_id::text);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER working_marks_announce AFTER INSERT OR DELETE ON working_marks
  FOR EACH ROW EXECUTE FUNCTION announce_working_mark();
CREATE TRIGGER working_marks_announce_change AFTER UPDATE ON working_marks
  FOR EACH ROW
  WHEN ((OLD.account_gid, OLD.follow_up_gid, OLD.user_name, OLD.since)
    IS DISTINCT FROM (NEW.account_gid, NEW.follow_up_gid, NEW.user_name, NEW.since))
  EXECUTE FUNCTION announce_working_mark();

REVOKE ALL ON working_marks FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON working_marks TO claimdesk_desktop;
`;
