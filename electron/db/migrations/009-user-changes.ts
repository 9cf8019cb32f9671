/**
 * Migration 9: who may do what is part of the audit. Every change of a user's role,
 * name or access is kept as a row (never changed or deleted), with who made it and when,
 * including the first person to open a new database becoming its supervisor.
 */
export const migration009 = `
CREATE TABLE user_changes (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('representative', 'supervisor')),
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  why TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  changed_by INTEGER NOT NULL REFERENCES users (id)
);
CREATE INDEX user_changes_user ON user_changes (user_id, id);
CREATE TRIGGER user_changes_no_update BEFORE UPDATE ON user_changes
BEGIN SELECT RAISE(ABORT, 'user changes are kept as they were recorded'); END;
CREATE TRIGGER user_changes_no_delete BEFORE DELETE ON user_changes
BEGIN SELECT RAISE(ABORT, 'user changes are kept as they were recorded'); END;
`;
