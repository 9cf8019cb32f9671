/**
 * Migration 22: sign-in a supervisor allows, an optional ClaimDesk PIN or password, and
 * emergency access. A sign-in name ClaimDesk has never seen waits (`pending`) until a
 * supervisor allows it, so a stranger at an unlocked Windows desktop does not get patient
 * data. Users already in the file were allowed by being there, so none of them waits.
 * A secret is kept only as its scrypt hash with its salt and parameters, so the cost can
 * be raised later without locking anyone out. Emergency access is kept (never changed
 * except for the supervisor's acknowledgement) with who, when and why.
 */
export const migration022 = `
ALTER TABLE users ADD COLUMN pending INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1));

CREATE TABLE user_secrets (
  user_id INTEGER PRIMARY KEY REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('pin', 'password')),
  hash BLOB NOT NULL,
  salt BLOB NOT NULL,
  cost INTEGER NOT NULL,
  block_size INTEGER NOT NULL,
  parallel INTEGER NOT NULL,
  set_at TEXT NOT NULL,
  set_by INTEGER NOT NULL REFERENCES users (id)
);

CREATE TABLE emergency_access (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  started_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by INTEGER REFERENCES users (id),
  CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
);
CREATE INDEX emergency_access_user ON emergency_access (user_id, ends_at);
CREATE INDEX emergency_access_open ON emergency_access (acknowledged_at, id);
CREATE TRIGGER emergency_access_kept BEFORE UPDATE ON emergency_access
WHEN OLD.acknowledged_at IS NOT NULL OR NEW.user_id IS NOT OLD.user_id
  OR NEW.reason IS NOT OLD.reason OR NEW.started_at IS NOT OLD.started_at
  OR NEW.ends_at IS NOT OLD.ends_at
BEGIN SELECT RAISE(ABORT, 'emergency access is kept as it was recorded'); END;
CREATE TRIGGER emergency_access_no_delete BEFORE DELETE ON emergency_access
BEGIN SELECT RAISE(ABORT, 'emergency access is kept as it was recorded'); END;
`;
