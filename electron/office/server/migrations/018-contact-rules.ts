/**
 * Server migration 18: the contact rules and statement holds travel between the desks.
 * Until now a cease-contact request, a written dispute, an attorney or a bankruptcy recorded
 * at one desk, and a dispute, bankruptcy or financial-assistance hold on an account's
 * statements, stood only there: the other desks went on calling, writing and billing.
 *
 * - `contact_restrictions` and `collection_holds` as recorded, each changed once later (a
 *   restriction lifted, a hold closed), by version as the collection records of migration 15
 *   are: of two desks lifting one restriction at once, the second is refused. One hold of a
 *   kind is open per account, as each desktop keeps it: of two desks opening one at once, the
 *   second is refused and takes the office's. A lifted restriction or a closed hold is not
 *   put back in force.
 * - `statement_hold_releases`, a supervisor's release of one hold for the next statement,
 *   insert-only as the ledger is.
 *
 * A desk's login may update only a rule's lifting and a hold's closing (and the version),
 * never what names them, as migration 17 holds the other records; `CHANGING_CONTACT` lists
 * them, written out so that this migration stays as it ran. A row of the office's first copy
 * reaches the server with its first change, at version 2.
 */
export const CHANGING_CONTACT: Record<string, string> = {
  contact_restrictions: 'lifted_at, lifted_by, lift_reason',
  collection_holds: 'closed_at, closed_by',
};

const versioned = (t: string, undone: string) => `
CREATE TRIGGER ${t}_never_deleted BEFORE DELETE ON ${t}
  FOR EACH ROW EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t}
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER ${t}_named_once BEFORE UPDATE OF gid, desktop_id ON ${t}
  FOR EACH ROW WHEN (NEW.gid IS DISTINCT FROM OLD.gid OR NEW.desktop_id IS DISTINCT FROM OLD.desktop_id)
  EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER ${t}_one_version_on BEFORE UPDATE ON ${t}
  FOR EACH ROW EXECUTE FUNCTION one_version_on();
CREATE TRIGGER ${t}_ended_once BEFORE UPDATE OF ${undone} ON ${t}
  FOR EACH ROW WHEN (OLD.${undone.split(',')[0]} IS NOT NULL)
  EXECUTE FUNCTION refuse_ended_again();
REVOKE ALL ON ${t} FROM PUBLIC;
GRANT SELECT, INSERT ON ${t} TO claimdesk_desktop;
GRANT UPDATE (${CHANGING_CONTACT[t] ?? ''}, version) ON ${t} TO claimdesk_desktop;
ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;
CREATE POLICY ${t}_read ON ${t} FOR SELECT USING (true);
CREATE POLICY ${t}_insert_own ON ${t} FOR INSERT WITH CHECK (
  my_desk(desktop_id) AND (starts_with(gid, desktop_id::text || ':')
    OR (starts_with(gid, 'base:') AND version = 2)));
CREATE POLICY ${t}_change ON ${t} FOR UPDATE USING (true) WITH CHECK (true);
`;

export const serverMigration018 = `
-- a restriction lifted, or a hold closed, stays so: who ended it and when are kept
CREATE FUNCTION refuse_ended_again() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RAISE EXCEPTION '% % was ended already', TG_TABLE_NAME, OLD.gid
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TABLE contact_restrictions (
  gid text PRIMARY KEY,
  account_gid text NOT NULL,
  person_gid text NOT NULL,
  kind text NOT NULL
    CHECK (kind IN ('cease_contact', 'written_dispute', 'attorney', 'bankruptcy')),
  effective_date text NOT NULL,
  note text,
  attorney_name text,
  attorney_phone text,
  attorney_address text,
  recorded_at text NOT NULL,
  recorded_by text NOT NULL,
  lifted_at text,
  lifted_by text,
  lift_reason text,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  desktop_id uuid NOT NULL REFERENCES desktops (id),
  CHECK (kind <> 'attorney' OR length(trim(coalesce(attorney_name, ''))) > 0),
  CHECK ((lifted_at IS NULL) = (lifted_by IS NULL) AND (lifted_at IS NULL) = (lift_reason IS NULL))
);
${versioned('contact_restrictions', 'lifted_at, lifted_by')}
CREATE TABLE collection_holds (
  gid text PRIMARY KEY,
  account_gid text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('dispute', 'bankruptcy', 'assistance')),
  note text,
  opened_on text NOT NULL,
  opened_at text NOT NULL,
  opened_by text NOT NULL,
  closed_at text,
  closed_by text,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  desktop_id uuid NOT NULL REFERENCES desktops (id),
  CHECK ((closed_at IS NULL) = (closed_by IS NULL))
);
CREATE UNIQUE INDEX collection_holds_open_once ON collection_holds (account_gid, kind)
  WHERE closed_at IS NULL;
${versioned('collection_holds', 'closed_at, closed_by')}
CREATE TABLE statement_hold_releases (
  gid text PRIMARY KEY,
  account_gid text NOT NULL,
  hold text NOT NULL,
  reason text NOT NULL CHECK (length(reason) > 0),
  released_at text NOT NULL,
  released_by text NOT NULL,
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);
CREATE TRIGGER statement_hold_releases_insert_only BEFORE UPDATE OR DELETE
  ON statement_hold_releases FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER statement_hold_releases_no_truncate BEFORE TRUNCATE ON statement_hold_releases
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
REVOKE ALL ON statement_hold_releases FROM PUBLIC;
GRANT SELECT, INSERT ON statement_hold_releases TO claimdesk_desktop;
ALTER TABLE statement_hold_releases ENABLE ROW LEVEL SECURITY;
CREATE POLICY statement_hold_releases_read ON statement_hold_releases FOR SELECT USING (true);
CREATE POLICY statement_hold_releases_insert_own ON statement_hold_releases FOR INSERT
  WITH CHECK (my_desk(desktop_id) AND starts_with(gid, desktop_id::text || ':'));
`;
