/**
 * Migration 49: who is working which account now, on an office desktop. Presence, not
 * data: nothing here is captured for the outbox or named in sync_rows.
 *
 * - working_here: the account this desk has open (one row, or none), written when the
 *   representative opens or leaves an account; the sync worker sends it to the server.
 * - working_marks: the other desktops' live marks, by local ids, replaced wholesale at
 *   each refresh from the server; a mark on an account this copy lacks is left out.
 * - office_link.marks_at: when working_marks was last refreshed. While it is empty or
 *   older than a mark's expiry (the desktop is offline, or has not reached the server
 *   since it started) the marks are not known, and the screens say so.
 */
export const migration049 = `
CREATE TABLE working_here (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  account_id INTEGER NOT NULL,
  follow_up_id INTEGER,
  user_id INTEGER NOT NULL,
  since TEXT NOT NULL
);

CREATE TABLE working_marks (
  desktop_id TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL,
  follow_up_id INTEGER,
  user_name TEXT NOT NULL,
  since TEXT NOT NULL
);
CREATE INDEX working_marks_account ON working_marks (account_id);

ALTER TABLE office_link ADD COLUMN marks_at TEXT;
`;
