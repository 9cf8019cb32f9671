/**
 * Server migration 12: each desktop's own server login, and the server holding each desk
 * to its own rows. Until now every desktop connected with the office's one login, which
 * owns the database: any desktop could delete another's working mark or write an entry
 * naming another desk, stopped only by the desktop's own code.
 *
 * `desks` says which login is which desk. A row's login is always the login that wrote it
 * (a forced policy, the owner included), and a login other than the database's owner is
 * one desk at a time: registering a new desk (joining again after a restore) retires its
 * old one, which no login can then write as. A desk registered by the owner (the office
 * made by its supervisor, or a desktop of an office from before this migration, when all
 * shared the owner's login) is taken by the first desk login that connects as it.
 *
 * Row-level security then lets a desk login write only as its own desk: its own working
 * mark (an expired one anyone may sweep), entries and change-log rows under its own id,
 * new rows under its own id and named by it. Reads stay open to every desk, as the change
 * log and the marks are the office's. Follow-ups and the records of migration 11 may be
 * changed by any desk (the version check decides), and users are left as they were (see the office design). The owner is
 * not held by these policies (they are enabled, not forced, on the data): it owns the
 * tables and could turn them off anyway, and it makes the office and updates the schema.
 * The desks' role never owns a table, so it cannot alter, drop or truncate one.
 */
const withDesk = [
  'receipts',
  'ledger_entries',
  'addresses',
  'accounts',
  'claim_lines',
  'documents',
  'correspondence',
  'claim_adjustments',
  'claim_remarks',
  'deposit_batches',
  'batch_closings',
] as const;
const changedByVersion = ['payers', 'people', 'coverages', 'claims'] as const;

const policies = (t: string, insert: string) => `
ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;
CREATE POLICY ${t}_read ON ${t} FOR SELECT USING (true);
CREATE POLICY ${t}_insert_own ON ${t} FOR INSERT WITH CHECK (${insert});`;

export const serverMigration012 = `
-- Every function a check calls names what it reads with its schema and runs with the
-- catalog first and temporary objects last: a login's own temporary table (a "desks" or a
-- "pg_database" of its making) must not answer for the real one. Desks get no temporary
-- tables at all (the README's REVOKE, repeated here for an office set up before it).
DO $$ BEGIN
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END $$;

-- the login that owns this database: the office's supervisor, who makes and updates it
CREATE FUNCTION office_owner() RETURNS text LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT pg_catalog.pg_get_userbyid(d.datdba)::text FROM pg_catalog.pg_database d
    WHERE d.datname = pg_catalog.current_database()
$$;

CREATE TABLE desks (
  desktop_id uuid PRIMARY KEY REFERENCES desktops (id),
  -- null once its login has gone on to another desk
  login text DEFAULT current_user,
  registered_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX desks_login ON desks (login);

-- the desktops of an office from before this migration all shared the owner's login
INSERT INTO desks (desktop_id, login) SELECT id, office_owner() FROM desktops;

CREATE FUNCTION one_desk_per_login() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NEW.login IS NOT NULL AND NEW.login <> public.office_owner() THEN
    -- two registrations of one login at once take turns
    PERFORM pg_advisory_xact_lock(hashtext('claimdesk desk login ' || NEW.login));
    IF EXISTS (SELECT FROM public.desks WHERE login = NEW.login AND desktop_id <> NEW.desktop_id) THEN
      RAISE EXCEPTION 'the login % is already another desk', NEW.login
        USING ERRCODE = 'unique_violation';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER desks_one_per_login BEFORE INSERT OR UPDATE OF login ON desks
  FOR EACH ROW EXECUTE FUNCTION one_desk_per_login();

-- What a login may do to a desk's row, judged on the row before and after (a policy sees
-- only one of them, and permissive policies would combine one's USING with another's
-- CHECK): retire its own desk, or take one the owner registered; the owner may give any
-- desk to any login, so a supervisor can hand a desk back.
CREATE FUNCTION desk_taken_rightly() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  owner text := public.office_owner();
BEGIN
  IF current_user = owner THEN RETURN NEW; END IF;
  IF NEW.desktop_id IS DISTINCT FROM OLD.desktop_id THEN
    RAISE EXCEPTION 'a desk keeps its id' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (OLD.login = current_user AND (NEW.login IS NULL OR NEW.login = current_user))
     OR (OLD.login = owner AND NEW.login = current_user) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'only its own login may retire a desk, and only an unclaimed desk may be taken'
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER desks_taken_rightly BEFORE UPDATE ON desks
  FOR EACH ROW EXECUTE FUNCTION desk_taken_rightly();
CREATE TRIGGER desks_never_deleted BEFORE DELETE ON desks
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER desks_no_truncate BEFORE TRUNCATE ON desks
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- forced: the owner too records only itself
ALTER TABLE desks ENABLE ROW LEVEL SECURITY;
ALTER TABLE desks FORCE ROW LEVEL SECURITY;
CREATE POLICY desks_read ON desks FOR SELECT USING (true);
CREATE POLICY desks_register ON desks FOR INSERT WITH CHECK (login = current_user);
-- a login retires its own desk, or takes one the owner registered (the trigger above judges
-- the change); the owner may give any desk, a retired one included, to a login
CREATE POLICY desks_take ON desks FOR UPDATE
  USING (login = current_user OR login = office_owner() OR current_user = office_owner())
  WITH CHECK (login IS NULL OR login = current_user OR current_user = office_owner());

-- whether the login connected is this desk's. Named with its schema: a login's own
-- temporary tables come first in its search path, and a temporary "desks" must not answer.
-- PL/pgSQL, not SQL: the checks run on every row a desk writes, nearly all one-row
-- statements, and a SQL function would be inlined into each statement, its body parsed
-- and planned again each time (the 10,000 entries' bare rows took a third to a half as long
-- again as the owner's); PL/pgSQL keeps its query's plan for the session, leaving one
-- index lookup a row
CREATE FUNCTION my_desk(desk uuid) RETURNS boolean LANGUAGE plpgsql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RETURN EXISTS (SELECT FROM public.desks WHERE desktop_id = desk AND login = current_user);
END $$;
-- whether a new row's office-wide id is one of this login's desk's (its desk id, a colon, a local id)
CREATE FUNCTION my_gid(gid text) RETURNS boolean LANGUAGE plpgsql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RETURN EXISTS (SELECT FROM public.desks d
    WHERE d.login = current_user AND starts_with(gid, d.desktop_id::text || ':'));
END $$;

${withDesk.map((t) => policies(t, `my_desk(desktop_id) AND starts_with(gid, desktop_id::text || ':')`)).join('\n')}
-- the records that change by version (migration 11): a first-copy row (base:) comes with its
-- first change, at version 2, sent by the desk that made it; any desk may change one, each
-- change one version on (the trigger below; migration 11's keeps its gid and first desk)
${changedByVersion
  .map(
    (
      t,
    ) => `${policies(t, `my_desk(desktop_id) AND (starts_with(gid, desktop_id::text || ':') OR (starts_with(gid, 'base:') AND version = 2))`)}
CREATE POLICY ${t}_change ON ${t} FOR UPDATE USING (true) WITH CHECK (true);`,
  )
  .join('\n')}
${policies('applied_entries', 'my_desk(desktop_id)')}
${policies('change_log', 'my_desk(desktop_id)')}
${policies('remittances_posted', 'my_desk(desktop_id)')}
-- notes and follow-ups name their desk in their gid only
${policies('activities', 'my_gid(gid)')}
${policies('follow_ups', 'my_gid(gid)')}
-- any desk may change a follow-up: the version it started from decides
CREATE POLICY follow_ups_change ON follow_ups FOR UPDATE USING (true) WITH CHECK (true);

-- A change moves a row one version on, whoever makes it: a desk's login writing the table
-- directly can neither skip versions (refusing everyone's next change) nor go back (letting
-- a stale change overwrite a newer one).
CREATE FUNCTION one_version_on() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NEW.version IS DISTINCT FROM OLD.version + 1 THEN
    RAISE EXCEPTION '% % changes one version at a time (from %, not to %)',
      TG_TABLE_NAME, OLD.gid, OLD.version, NEW.version USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
${[...changedByVersion, 'follow_ups']
  .map(
    (t) => `CREATE TRIGGER ${t}_one_version_on BEFORE UPDATE ON ${t}
  FOR EACH ROW EXECUTE FUNCTION one_version_on();`,
  )
  .join('\n')}

ALTER TABLE working_marks ENABLE ROW LEVEL SECURITY;
CREATE POLICY working_marks_read ON working_marks FOR SELECT USING (true);
CREATE POLICY working_marks_put ON working_marks FOR INSERT WITH CHECK (my_desk(desktop_id));
CREATE POLICY working_marks_renew ON working_marks FOR UPDATE
  USING (my_desk(desktop_id)) WITH CHECK (my_desk(desktop_id));
-- an expired mark (by the server's clock) is no one's: any desk sweeps it
CREATE POLICY working_marks_take_down ON working_marks FOR DELETE
  USING (my_desk(desktop_id) OR expires_at <= now());

-- what a desk does, and nothing more; it owns nothing
REVOKE INSERT ON office_copy FROM claimdesk_desktop;
GRANT SELECT ON schema_version, office, office_copy TO claimdesk_desktop;
GRANT SELECT, INSERT ON desktops, applied_entries, change_log, activities TO claimdesk_desktop;
GRANT SELECT, INSERT, UPDATE ON desks, follow_ups TO claimdesk_desktop;
`;
