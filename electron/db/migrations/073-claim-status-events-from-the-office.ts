/**
 * Migration 73: a 277's claim status events travel between the desks of an office (see the
 * office design, "A claim's status and dates"). The 277 file an event came from stays the
 * importing desk's record, as a claim's import file does: an event taken from another desk
 * names none here, so `import_file_id` may be empty. SQLite cannot loosen NOT NULL in place,
 * so the table is made again with its rows and index; nothing names an event by foreign key.
 * Each event keeps the SHA-256 of its file, which travels: the same 277 imported again, here
 * or at another desk, is known by it and posts nothing twice (import-277.ts).
 *
 * The events an older version recorded at a linked desk are not sent (see the design).
 */
export const migration073 = `
CREATE TABLE claim_status_events_new (
  id INTEGER PRIMARY KEY,
  claim_id INTEGER NOT NULL REFERENCES claims (id),
  -- the 277 it came from; empty for an event taken from another desk of the office
  import_file_id INTEGER REFERENCES import_files (id),
  category TEXT NOT NULL,
  status_code TEXT,
  effective_date TEXT,
  meaning TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  file_sha256 TEXT
);
INSERT INTO claim_status_events_new
  SELECT e.id, e.claim_id, e.import_file_id, e.category, e.status_code, e.effective_date,
      e.meaning, e.recorded_at, f.sha256
    FROM claim_status_events e LEFT JOIN import_files f ON f.id = e.import_file_id;
DROP TABLE claim_status_events;
ALTER TABLE claim_status_events_new RENAME TO claim_status_events;
CREATE INDEX claim_status_events_claim ON claim_status_events (claim_id);
`;
