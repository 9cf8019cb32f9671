/**
 * Server migration 29: a claim's lines change by version, as the claim does (migration 11).
 * Until now a line was insert-only here, and a replacement claim (837 frequency 7) changed its
 * lines' codes and charges, or removed a line, only on the desk that imported it: the ledger
 * rows moving each line's charge travelled, so balances agreed, but every other desk kept
 * the old lines, and its appeal letters and statements listed services and charges the claim
 * no longer had.
 *
 * The same as for the other changeable records: a version, never deleted, its gid, first desk,
 * claim and number fixed; a desk's login may update only what a replacement changes
 * (`CHANGING_029`, checked with the others by changing-columns.test.ts). A line of the
 * office's first copy reaches the server at its first change, at version 2. Anyone may
 * import a claim file, so no person is judged.
 */

/** What a desk's login may update in a claim line (as migration 17's CHANGING). */
export const CHANGING_029: Record<string, string> = {
  claim_lines: 'service_date, revenue_code, procedure_code, modifiers, units, charge, removed_at',
};

export const serverMigration029 = `
ALTER TABLE claim_lines ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
DROP TRIGGER claim_lines_insert_only ON claim_lines;
CREATE TRIGGER claim_lines_never_deleted BEFORE DELETE ON claim_lines
  FOR EACH ROW EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER claim_lines_named_once BEFORE UPDATE OF gid, desktop_id, claim_gid, line_number
  ON claim_lines
  FOR EACH ROW WHEN (NEW.gid IS DISTINCT FROM OLD.gid OR NEW.desktop_id IS DISTINCT FROM OLD.desktop_id
    OR NEW.claim_gid IS DISTINCT FROM OLD.claim_gid OR NEW.line_number IS DISTINCT FROM OLD.line_number)
  EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER claim_lines_one_version_on BEFORE UPDATE ON claim_lines
  FOR EACH ROW EXECUTE FUNCTION one_version_on();

${Object.entries(CHANGING_029)
  .map(([t, cols]) => `GRANT UPDATE (${cols}, version) ON ${t} TO claimdesk_desktop;`)
  .join('\n')}
DROP POLICY claim_lines_insert_own ON claim_lines;
CREATE POLICY claim_lines_insert_own ON claim_lines FOR INSERT WITH CHECK (
  my_desk(desktop_id) AND (starts_with(gid, desktop_id::text || ':')
    OR (starts_with(gid, 'base:') AND version = 2)));
CREATE POLICY claim_lines_change ON claim_lines FOR UPDATE USING (true) WITH CHECK (true);
`;
