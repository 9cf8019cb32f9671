/**
 * Server migration 31: a facility edited in Settings (renamed, or given another NPI) travels,
 * by version, as migration 28 made an agency's edits do. Until now a facility was insert-only
 * here and its later edits stayed on the desk that made them: another desk matched claim files
 * on the old NPI, billing a new account under the default facility or the wrong one, and
 * printed the old name.
 *
 * The same as for the other changeable records: a version, never deleted, its gid and first
 * desk fixed; a desk's login may update only the name and NPI (`CHANGING_031`, checked with the
 * others by changing-columns.test.ts). A facility of the office's first copy reaches the
 * server at its first change, at version 2; but never the main facility (`base:1`), whose
 * name and NPI follow each desk's own letterhead. One NPI office-wide still holds
 * (`facilities_npi_once`): an NPI another facility of the office carries is refused.
 *
 * Nobody is judged: a facility's adding is not (migration 13), nor a payer's edit, both a
 * supervisor's on the desk as this is; a row names nobody who made it, and a desk's login names
 * the desk, not the person at it.
 */

/** What a desk's login may update in a facility (as migration 17's CHANGING). */
export const CHANGING_031: Record<string, string> = {
  facilities: 'name, npi',
};

export const serverMigration031 = `
ALTER TABLE facilities ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE facilities ADD CONSTRAINT facilities_not_the_main CHECK (gid <> 'base:1');
DROP TRIGGER facilities_insert_only ON facilities;
CREATE TRIGGER facilities_never_deleted BEFORE DELETE ON facilities
  FOR EACH ROW EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER facilities_named_once BEFORE UPDATE OF gid, desktop_id ON facilities
  FOR EACH ROW WHEN (NEW.gid IS DISTINCT FROM OLD.gid OR NEW.desktop_id IS DISTINCT FROM OLD.desktop_id)
  EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER facilities_one_version_on BEFORE UPDATE ON facilities
  FOR EACH ROW EXECUTE FUNCTION one_version_on();

${Object.entries(CHANGING_031)
  .map(([t, cols]) => `GRANT UPDATE (${cols}, version) ON ${t} TO claimdesk_desktop;`)
  .join('\n')}
DROP POLICY facilities_insert_own ON facilities;
CREATE POLICY facilities_insert_own ON facilities FOR INSERT WITH CHECK (
  my_desk(desktop_id) AND (starts_with(gid, desktop_id::text || ':')
    OR (starts_with(gid, 'base:') AND version = 2)));
CREATE POLICY facilities_change ON facilities FOR UPDATE USING (true) WITH CHECK (true);
`;
