/**
 * Migration 20: the audit trail. One row per view of patient data and per write: who,
 * when, from which computer, by which request, and which accounts and documents it
 * touched or returned. Rows are only ever added: the triggers refuse a change or a
 * removal, and each row carries the SHA-256 of the row before it with its own content,
 * so a row rewritten or removed behind ClaimDesk's back (triggers dropped first) breaks
 * the chain, and a chain rewritten consistently no longer ends where the head file
 * beside the database says it did.
 *
 * `accounts` and `documents` are the ids as comma-separated text (`,12,40,`), compact for
 * a list page of a hundred rows and searchable with LIKE '%,12,%'. `uid` is set on an
 * entry recorded while another workstation held the database, kept in a file meanwhile,
 * so moving it in twice adds it once.
 *
 * Every view writes a row, so the table has as few indexes as it can: each costs a page
 * written per view. Entries by date are found by scanning, on a supervisor's request.
 */
/** The safeguards, also put back by a supervisor who accepts a trail found changed. */
export const AUDIT_TRIGGERS_SQL = `
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'The audit trail cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'The audit trail cannot be changed'); END;
`;

export const migration020 = `
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  workstation TEXT NOT NULL,
  method TEXT NOT NULL,
  access TEXT NOT NULL CHECK (access IN ('read', 'write', 'long')),
  accounts TEXT NOT NULL,
  documents TEXT NOT NULL,
  detail TEXT NOT NULL,
  uid TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_user ON audit_log (user_id, id);
CREATE UNIQUE INDEX audit_log_uid ON audit_log (uid) WHERE uid IS NOT NULL;
${AUDIT_TRIGGERS_SQL}`;
