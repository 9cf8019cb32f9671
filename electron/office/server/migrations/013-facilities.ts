/**
 * Server migration 13: facilities added at a desktop after it joined (Settings, Facilities:
 * a facility accounts are billed under, with the NPI a claim file's billing provider is
 * matched on). Before, such a facility was named `base:<id>` like the first copy's rows, and
 * another copy may hold a different facility at that id: an account imported under it went
 * to the wrong facility elsewhere, or stopped the pull where the id was free.
 *
 * Insert-only as the records of migration 5 are: a trigger refuses UPDATE, DELETE and
 * TRUNCATE to everyone, and the desktops' role may INSERT and SELECT only, each desk's
 * login only under its own desk (row-level security, as migration 12 holds the others). An NPI names one
 * facility office-wide, as it does on each desktop, so a claim file's billing provider finds
 * one place everywhere: of two desktops adding a facility with the same NPI, the second is
 * refused and withdraws it with what was done under it. A facility without an NPI is not
 * matched by claim files, and two of one name may stand, as on a desktop.
 */
export const serverMigration013 = `
CREATE TABLE facilities (
  gid text PRIMARY KEY,
  name text NOT NULL CHECK (length(trim(name)) > 0),
  npi text,
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);
CREATE UNIQUE INDEX facilities_npi_once ON facilities (npi) WHERE npi IS NOT NULL;

CREATE TRIGGER facilities_insert_only BEFORE UPDATE OR DELETE ON facilities
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER facilities_no_truncate BEFORE TRUNCATE ON facilities
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

REVOKE ALL ON facilities FROM PUBLIC;
GRANT SELECT, INSERT ON facilities TO claimdesk_desktop;

-- a desk's login adds facilities only as itself (server migration 12)
ALTER TABLE facilities ENABLE ROW LEVEL SECURITY;
CREATE POLICY facilities_read ON facilities FOR SELECT USING (true);
CREATE POLICY facilities_insert_own ON facilities FOR INSERT
  WITH CHECK (my_desk(desktop_id) AND starts_with(gid, desktop_id::text || ':'));
`;
