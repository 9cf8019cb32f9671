/**
 * Server migration 36: the office's letterhead, one row named `letterhead`. What statements
 * and letters to patients print (the facility's name, address and numbers, its NPI and tax
 * id, the remit-to address, the billing phone and office hours, where to pay online, the
 * financial-assistance phone, policy and plain-language summary addresses, the language
 * taglines) was each desk's own: a supervisor who changed the remit-to address or the
 * financial-assistance phone at one desk left every other desk printing the old one.
 *
 * As a billing rule (migration 22): one version on (migration 12's trigger), never deleted,
 * its name fixed; the office's first copy's letterhead comes with the upload at version 1 (by
 * the owner), and an office made before this migration has none until a desk changes the first
 * copy's, which comes at version 2. Any desk may change it, but only in a supervisor's name
 * (`updated_by`, judged as migration 21 judges the collection cycle's decisions, the owner
 * exempt). Its text fields are held to what every desk's table takes (the required ones not
 * empty), so no row reaches a desk that cannot take it.
 */

/** What a desk's login may update in the letterhead: all of it but its name and first desk. */
export const LETTERHEAD_FIELDS = `name, line1, line2, city, state, zip, phone, fax, npi, tax_id,
  web, billing_office_hours, remit_to, payment_url, billing_phone, assistance_phone,
  assistance_url, assistance_summary_url, language_taglines, updated_at, updated_by`;

export const serverMigration036 = `
CREATE TABLE letterhead (
  gid text PRIMARY KEY CHECK (gid = 'letterhead'),
  -- also the main facility's name at every desk, which holds it to more than blanks
  name text NOT NULL CHECK (btrim(name) <> ''),
  line1 text NOT NULL CHECK (line1 <> ''),
  line2 text,
  city text NOT NULL CHECK (city <> ''),
  state text NOT NULL CHECK (state <> ''),
  zip text NOT NULL CHECK (zip <> ''),
  phone text,
  fax text,
  npi text,
  tax_id text,
  web text,
  billing_office_hours text,
  remit_to text,
  payment_url text,
  billing_phone text,
  assistance_phone text,
  assistance_url text,
  assistance_summary_url text,
  language_taglines text,
  updated_at text,
  updated_by text CHECK (starts_with(updated_by, 'user:')),
  version integer NOT NULL CHECK (version >= 1),
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);

CREATE FUNCTION letterhead_judged() RETURNS trigger LANGUAGE plpgsql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW.gid IS DISTINCT FROM OLD.gid
      OR NEW.desktop_id IS DISTINCT FROM OLD.desktop_id) THEN
    RAISE EXCEPTION 'the letterhead keeps its name' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF pg_has_role(current_user, public.office_owner(), 'MEMBER')
      OR public.is_active_supervisor(NEW.updated_by) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'only an active supervisor may change the office''s letterhead'
    USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'supervisor_decision';
END $$;
CREATE TRIGGER letterhead_judged BEFORE INSERT OR UPDATE ON letterhead
  FOR EACH ROW EXECUTE FUNCTION letterhead_judged();
CREATE TRIGGER letterhead_one_version_on BEFORE UPDATE ON letterhead
  FOR EACH ROW EXECUTE FUNCTION one_version_on();
CREATE TRIGGER letterhead_never_deleted BEFORE DELETE ON letterhead
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER letterhead_no_truncate BEFORE TRUNCATE ON letterhead
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

ALTER TABLE letterhead ENABLE ROW LEVEL SECURITY;
CREATE POLICY letterhead_read ON letterhead FOR SELECT USING (true);
CREATE POLICY letterhead_insert_own ON letterhead FOR INSERT WITH CHECK (my_desk(desktop_id));
-- any desk may change it in a supervisor's name: the version it started from decides
CREATE POLICY letterhead_change ON letterhead FOR UPDATE USING (true) WITH CHECK (true);
REVOKE ALL ON letterhead FROM PUBLIC;
GRANT SELECT, INSERT ON letterhead TO claimdesk_desktop;
GRANT UPDATE (${LETTERHEAD_FIELDS}, version) ON letterhead TO claimdesk_desktop;
`;
