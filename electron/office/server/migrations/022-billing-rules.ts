/**
 * Server migration 22: the office's billing rules (electron/rules/billing-rules.ts), one row
 * per rule, named `rule:<key>` on every copy as a user is named by sign-in name. A rule a
 * supervisor sets at one desk is the office's: the write-off and reversal approval limits,
 * plan terms, the statement cycle, calling hours, the retention period, whether section
 * 501(r) binds. Until now each desk kept its own, so a limit lowered at one desk did not hold
 * a representative at another.
 *
 * A rule changes by version, one version on (migration 12's trigger): a rule the first copy
 * held is at version 1 everywhere and comes to the server with its first change, at version
 * 2; one the first copy never set comes at version 1. Any desk may change a rule, but only
 * in a supervisor's name (`updated_by`, judged as migration 21 judges the collection
 * cycle's decisions, the owner exempt); the value is checked by each desktop against the
 * same bounds as Settings' (the wire schema), and a rule is never deleted.
 */
export const serverMigration022 = `
CREATE TABLE billing_rules (
  gid text PRIMARY KEY CHECK (gid = 'rule:' || key),
  key text NOT NULL,
  value bigint NOT NULL,
  updated_at text NOT NULL,
  updated_by text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);

CREATE FUNCTION billing_rule_judged() RETURNS trigger LANGUAGE plpgsql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.gid IS DISTINCT FROM OLD.gid THEN
    RAISE EXCEPTION 'a rule keeps its name' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF pg_has_role(current_user, public.office_owner(), 'MEMBER')
      OR public.is_active_supervisor(NEW.updated_by) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'only an active supervisor may change the office''s billing rules'
    USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'supervisor_decision';
END $$;
CREATE TRIGGER billing_rules_judged BEFORE INSERT OR UPDATE ON billing_rules
  FOR EACH ROW EXECUTE FUNCTION billing_rule_judged();
CREATE TRIGGER billing_rules_one_version_on BEFORE UPDATE ON billing_rules
  FOR EACH ROW EXECUTE FUNCTION one_version_on();
CREATE TRIGGER billing_rules_never_deleted BEFORE DELETE ON billing_rules
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER billing_rules_no_truncate BEFORE TRUNCATE ON billing_rules
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

ALTER TABLE billing_rules ENABLE ROW LEVEL SECURITY;
CREATE POLICY billing_rules_read ON billing_rules FOR SELECT USING (true);
CREATE POLICY billing_rules_insert_own ON billing_rules FOR INSERT
  WITH CHECK (my_desk(desktop_id));
-- any desk may change a rule in a supervisor's name: the version it started from decides
CREATE POLICY billing_rules_change ON billing_rules FOR UPDATE USING (true) WITH CHECK (true);
REVOKE ALL ON billing_rules FROM PUBLIC;
GRANT SELECT, INSERT ON billing_rules TO claimdesk_desktop;
GRANT UPDATE (value, updated_at, updated_by, version) ON billing_rules TO claimdesk_desktop;
`;
