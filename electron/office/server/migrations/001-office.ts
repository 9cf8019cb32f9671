/**
 * Server migration 1: the office, its desktops, the entries they have sent (so applying
 * one twice changes nothing), the first synced tables (notes and follow-ups, by ids unique
 * across desktops) and the change log desktops pull from.
 */
export const serverMigration001 = `
CREATE TABLE office (
  id integer PRIMARY KEY CHECK (id = 1),
  -- the change log position at upload: a desktop that starts from the uploaded copy pulls from here
  base_cursor xid8 NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  uploaded_by uuid NOT NULL
);

CREATE TABLE desktops (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  joined_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE applied_entries (
  desktop_id uuid NOT NULL REFERENCES desktops (id),
  seq bigint NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('accepted', 'refused')),
  reason text,
  server_rows jsonb NOT NULL DEFAULT '[]',
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (desktop_id, seq)
);

CREATE TABLE activities (
  gid text PRIMARY KEY,
  account_gid text NOT NULL,
  claim_gid text,
  kind text NOT NULL,
  direction text,
  party text,
  outcome text,
  body text NOT NULL,
  user_gid text NOT NULL,
  occurred_at text NOT NULL
);
CREATE INDEX activities_account ON activities (account_gid, occurred_at);

-- the history is insert-only here as on every desktop
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are insert-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER activities_insert_only BEFORE UPDATE OR DELETE ON activities
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE follow_ups (
  gid text PRIMARY KEY,
  account_gid text NOT NULL,
  claim_gid text,
  kind text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
  due_date text NOT NULL CHECK (due_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
  deadline_date text CHECK (deadline_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
  owner_gid text,
  reason text,
  created_at text NOT NULL,
  created_by text NOT NULL,
  completed_at text,
  completed_by text,
  version integer NOT NULL CHECK (version >= 1)
);
-- the same rule as on a desktop: one open follow-up of a kind per account or claim
CREATE UNIQUE INDEX follow_ups_one_open ON follow_ups (account_gid, coalesce(claim_gid, ''), kind)
  WHERE status = 'open';

-- What desktops pull. xid is the writing transaction's: rows are read only below the
-- oldest transaction still in progress, so one that commits late cannot be skipped.
CREATE TABLE change_log (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  tbl text NOT NULL,
  gid text NOT NULL,
  version integer NOT NULL,
  row jsonb NOT NULL,
  desktop_id uuid NOT NULL,
  entry_seq bigint NOT NULL
);
CREATE INDEX change_log_xid ON change_log (xid, seq);
`;
