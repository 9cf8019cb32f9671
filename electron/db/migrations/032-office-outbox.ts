/**
 * Migration 32: a desktop's side of the office database. Nothing here acts until the
 * desktop joins an office (office_link has its one row): standalone stays as it was.
 *
 * - sync_rows: the office-wide id (gid) and version of a row created or changed since
 *   joining; a row without one is part of the copy every desktop started from and is
 *   known everywhere as "base:<id>" at version 1.
 * - outbox_pending: rows the open transaction created or changed, written by the triggers
 *   below, turned into one outbox entry at commit (electron/office/outbox.ts).
 * - outbox: entries waiting for the server, in order; seq is never reused, since the
 *   server knows an entry by (desktop, seq) and applies it once.
 * - not_synced: entries the server refused, with its reason, for a person to redo or
 *   dismiss.
 * The capture flag is off while the sync worker writes what the server says, so the
 * server's own changes are not sent back to it. (Since migration 57 the capture triggers
 * exist only while a desktop is linked: electron/office/capture-triggers.ts.)
 */
export const migration032 = `
CREATE TABLE office_link (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  desktop_id TEXT NOT NULL,
  capture INTEGER NOT NULL DEFAULT 1 CHECK (capture IN (0, 1)),
  cursor TEXT NOT NULL,
  linked_at TEXT NOT NULL
);

CREATE TABLE sync_rows (
  tbl TEXT NOT NULL,
  local_id INTEGER NOT NULL,
  gid TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (tbl, local_id),
  UNIQUE (tbl, gid)
);

CREATE TABLE outbox_pending (
  tbl TEXT NOT NULL,
  local_id INTEGER NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert', 'update')),
  PRIMARY KEY (tbl, local_id)
);

CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users (id),
  changes TEXT NOT NULL
);

CREATE TABLE not_synced (
  seq INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users (id),
  changes TEXT NOT NULL,
  reason TEXT NOT NULL,
  refused_at TEXT NOT NULL,
  dismissed_at TEXT,
  dismissed_by INTEGER REFERENCES users (id)
);

CREATE TRIGGER office_capture_activity AFTER INSERT ON activities
WHEN (SELECT capture FROM office_link) = 1
BEGIN
  INSERT INTO outbox_pending (tbl, local_id, op) VALUES ('activities', NEW.id, 'insert');
END;

CREATE TRIGGER office_capture_follow_up_insert AFTER INSERT ON follow_ups
WHEN (SELECT capture FROM office_link) = 1
BEGIN
  INSERT INTO outbox_pending (tbl, local_id, op) VALUES ('follow_ups', NEW.id, 'insert');
END;

-- only what a person decides; the queue columns the upkeep rewrites are each desktop's own
CREATE TRIGGER office_capture_follow_up_update
AFTER UPDATE OF status, due_date, deadline_date, owner_id, reason, completed_at, completed_by
ON follow_ups
WHEN (SELECT capture FROM office_link) = 1
BEGIN
  INSERT INTO outbox_pending (tbl, local_id, op)
    SELECT 'follow_ups', NEW.id, 'update'
    WHERE NOT EXISTS (SELECT 1 FROM outbox_pending WHERE tbl = 'follow_ups' AND local_id = NEW.id);
END;

-- The history stays append-only, except that a desktop takes the server's state when the
-- server refuses an action: the note that action wrote is withdrawn here (its text is kept
-- in not_synced), and only while the sync worker writes, with capture off.
DROP TRIGGER activities_no_delete;
CREATE TRIGGER activities_no_delete BEFORE DELETE ON activities
WHEN (SELECT capture FROM office_link) IS NOT 0
BEGIN SELECT RAISE(ABORT, 'activities are append-only'); END;
`;
