/**
 * Server migration 34: one desk's events of a 277 file for a claim, office-wide. Two desks
 * that imported the same file before either had the other's events both sent them, and the
 * office held each event twice (every desk then showed the payer saying it twice).
 *
 * `claim_status_files` names, for each claim and file (its SHA-256), the desk whose events of
 * it the office holds: the first to send them. Its key decides between two desks sending at
 * once: the second waits on the first's row, then finds it held, and its events are already
 * there (server/status-events.ts: not inserted, not logged; that desk takes the office's in
 * place of its own). An event of a file names its row, so no desk's login can add a second
 * desk's events of one file beside the first's. An event with no file (an older version's)
 * names none. Nor can a desk's login claim a file for a claim with no events of it (checked at
 * commit), which would have the office drop every other desk's events of that file unheard.
 *
 * The events already here keep their first desk's row; those of a second desk stay as they
 * were (the constraint is not checked on them, history being never changed).
 */
export const serverMigration034 = `
CREATE TABLE claim_status_files (
  claim_gid text NOT NULL,
  file_sha256 text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  desktop_id uuid NOT NULL REFERENCES desktops (id),
  PRIMARY KEY (claim_gid, file_sha256),
  CONSTRAINT claim_status_files_desk UNIQUE (claim_gid, file_sha256, desktop_id)
);
INSERT INTO claim_status_files (claim_gid, file_sha256, desktop_id)
  SELECT DISTINCT ON (claim_gid, file_sha256) claim_gid, file_sha256, desktop_id
    FROM claim_status_events WHERE file_sha256 IS NOT NULL
    ORDER BY claim_gid, file_sha256, recorded_at, gid;
ALTER TABLE claim_status_events ADD CONSTRAINT claim_status_events_of_its_file
  FOREIGN KEY (claim_gid, file_sha256, desktop_id)
  REFERENCES claim_status_files (claim_gid, file_sha256, desktop_id) NOT VALID;
CREATE FUNCTION claim_status_file_heard() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM public.claim_status_events e WHERE e.claim_gid = NEW.claim_gid
      AND e.file_sha256 = NEW.file_sha256 AND e.desktop_id = NEW.desktop_id) THEN
    RAISE EXCEPTION 'a 277 file is a desk''s for a claim only with its events of it'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER claim_status_files_heard AFTER INSERT ON claim_status_files
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION claim_status_file_heard();
CREATE TRIGGER claim_status_files_insert_only BEFORE UPDATE OR DELETE ON claim_status_files
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER claim_status_files_no_truncate BEFORE TRUNCATE ON claim_status_files
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

ALTER TABLE claim_status_files ENABLE ROW LEVEL SECURITY;
CREATE POLICY claim_status_files_read ON claim_status_files FOR SELECT USING (true);
CREATE POLICY claim_status_files_insert_own ON claim_status_files FOR INSERT
  WITH CHECK (my_desk(desktop_id));
REVOKE ALL ON claim_status_files FROM PUBLIC;
GRANT SELECT, INSERT ON claim_status_files TO claimdesk_desktop;
`;
