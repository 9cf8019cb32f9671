/**
 * Server migration 32: what a 277 said about a claim (its status codes, each with its category
 * and meaning), as the importing desk recorded it. Until now the events stayed on that desk:
 * the claim's status and dates reached every desk, its status history did not.
 *
 * Insert-only as the payer's codes are (migration 10): history is never changed, so a trigger
 * refuses UPDATE, DELETE and TRUNCATE to everyone and a desk's login may only add rows, as
 * itself and named by itself (migration 12). The 277 file an event came from stays the
 * importing desk's record and is not here, but its SHA-256 is, so a desk knows the same file
 * imported again. Two desks' events on one claim are two sets of
 * rows: nothing clashes.
 */
export const serverMigration032 = `
CREATE TABLE claim_status_events (
  gid text PRIMARY KEY,
  claim_gid text NOT NULL,
  category text NOT NULL,
  status_code text,
  effective_date text CHECK (effective_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
  meaning text NOT NULL,
  recorded_at text NOT NULL,
  file_sha256 text CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);
CREATE INDEX claim_status_events_claim ON claim_status_events (claim_gid);
CREATE TRIGGER claim_status_events_insert_only BEFORE UPDATE OR DELETE ON claim_status_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER claim_status_events_no_truncate BEFORE TRUNCATE ON claim_status_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

ALTER TABLE claim_status_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY claim_status_events_read ON claim_status_events FOR SELECT USING (true);
CREATE POLICY claim_status_events_insert_own ON claim_status_events FOR INSERT
  WITH CHECK (my_desk(desktop_id) AND starts_with(gid, desktop_id::text || ':'));
REVOKE ALL ON claim_status_events FROM PUBLIC;
GRANT SELECT, INSERT ON claim_status_events TO claimdesk_desktop;
`;
