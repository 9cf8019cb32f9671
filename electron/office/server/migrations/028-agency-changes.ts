/**
 * Server migration 28: an agency edited in Settings travels, by version, as migration 19 made
 * plans do. Until now an agency was insert-only here and its later edits stayed on the desk
 * that made them: another desk kept placing accounts with an agency set inactive, wrote its
 * placement files in the old layout, and kept the old commission and remittance for what
 * the agency reports paid.
 *
 * The same as for the other changeable records: a version, never deleted, its gid, first
 * desk and who added it fixed; a desk's login may update only what an edit changes
 * (`CHANGING_028`, checked with the others by changing-columns.test.ts). One name office-wide
 * still holds (`agencies_name_once`): a rename to a name another desk took is refused.
 *
 * An edit is a supervisor's, on the desk as here (migration 21): the person who made it
 * (`updated_by`) must be an active supervisor on the server's own users, whether it changes
 * a row the server has or brings an agency of the office's first copy at its first change.
 *
 * The file layout (`columns`) must be a JSON list of names, as every desk's table holds it: a
 * desk's login writing anything else around ClaimDesk would leave a row no desk can take,
 * and a desk given it back with a refusal could then send nothing more. Rows from before
 * this migration are not checked again (`NOT VALID`): only such a login could have written one.
 */

/** What a desk's login may update in an agency (as migration 17's CHANGING). */
export const CHANGING_028: Record<string, string> = {
  agencies: 'name, columns, commission_bps, remittance, contact, active, updated_at, updated_by',
};

export const serverMigration028 = `
CREATE FUNCTION is_list_of_names(t text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RETURN jsonb_typeof(t::jsonb) = 'array'
    AND NOT EXISTS (SELECT FROM jsonb_array_elements(t::jsonb) e WHERE jsonb_typeof(e) <> 'string');
EXCEPTION WHEN invalid_text_representation THEN
  RETURN false;
END $$;
ALTER TABLE agencies ADD CONSTRAINT agencies_columns_listed
  CHECK (public.is_list_of_names(columns)) NOT VALID;

ALTER TABLE agencies ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
DROP TRIGGER agencies_insert_only ON agencies;
CREATE TRIGGER agencies_never_deleted BEFORE DELETE ON agencies
  FOR EACH ROW EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER agencies_named_once BEFORE UPDATE OF gid, desktop_id, created_by ON agencies
  FOR EACH ROW WHEN (NEW.gid IS DISTINCT FROM OLD.gid OR NEW.desktop_id IS DISTINCT FROM OLD.desktop_id
    OR NEW.created_by IS DISTINCT FROM OLD.created_by)
  EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER agencies_one_version_on BEFORE UPDATE ON agencies
  FOR EACH ROW EXECUTE FUNCTION one_version_on();

CREATE FUNCTION agency_change_judged() RETURNS trigger LANGUAGE plpgsql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF pg_has_role(current_user, public.office_owner(), 'MEMBER') THEN RETURN NEW; END IF;
  IF (TG_OP = 'UPDATE' OR starts_with(NEW.gid, 'base:'))
      AND NOT public.is_active_supervisor(NEW.updated_by) THEN
    RAISE EXCEPTION 'only an active supervisor may change a collection agency'
      USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'supervisor_decision';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER agencies_change_judged BEFORE INSERT OR UPDATE ON agencies
  FOR EACH ROW EXECUTE FUNCTION agency_change_judged();

${Object.entries(CHANGING_028)
  .map(([t, cols]) => `GRANT UPDATE (${cols}, version) ON ${t} TO claimdesk_desktop;`)
  .join('\n')}
DROP POLICY agencies_insert_own ON agencies;
CREATE POLICY agencies_insert_own ON agencies FOR INSERT WITH CHECK (
  my_desk(desktop_id) AND (starts_with(gid, desktop_id::text || ':')
    OR (starts_with(gid, 'base:') AND version = 2)));
CREATE POLICY agencies_change ON agencies FOR UPDATE USING (true) WITH CHECK (true);
`;
