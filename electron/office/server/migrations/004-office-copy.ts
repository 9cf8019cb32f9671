/**
 * Server migration 4: the office's copy of its database, the file a new desktop downloads
 * to join. Kept in parts of about a megabyte (a bytea value is read whole, so one row of
 * hundreds of megabytes would have to fit in memory on both ends at once), with its
 * SHA-256 and size on the office row, so a download is checked against the upload.
 * An office uploaded before this migration has no copy; its desktops joined with a file.
 */
export const serverMigration004 = `
ALTER TABLE office ADD COLUMN copy_sha256 text CHECK (copy_sha256 ~ '^[0-9a-f]{64}$');
ALTER TABLE office ADD COLUMN copy_bytes bigint CHECK (copy_bytes > 0);
ALTER TABLE office ADD CONSTRAINT office_copy_whole
  CHECK ((copy_sha256 IS NULL) = (copy_bytes IS NULL));

CREATE TABLE office_copy (
  part integer PRIMARY KEY CHECK (part >= 0),
  bytes bytea NOT NULL CHECK (length(bytes) > 0)
);

REVOKE ALL ON office_copy FROM PUBLIC;
GRANT SELECT, INSERT ON office_copy TO claimdesk_desktop;
GRANT SELECT ON office TO claimdesk_desktop;
`;
