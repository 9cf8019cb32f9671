/**
 * Server migration 9: users as the office knows them, named by sign-in name
 * (`user:<name>`), with the version a change must start from as follow-ups have. The
 * server's own record of who is an active supervisor is what it checks a change to a user
 * against (apply.ts), never what a desktop says. A user is never deleted: one who leaves is
 * turned off, and their work still names them.
 */
export const serverMigration009 = `
CREATE TABLE users (
  gid text PRIMARY KEY CHECK (gid LIKE 'user:%'),
  username text NOT NULL,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('representative', 'supervisor')),
  active boolean NOT NULL,
  pending boolean NOT NULL,
  title text,
  email text,
  phone text,
  created_at text NOT NULL,
  changed_at text NOT NULL,
  changed_by text NOT NULL,
  version integer NOT NULL CHECK (version >= 1)
);

CREATE FUNCTION refuse_user_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'users are never deleted; a supervisor turns one off'
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER users_never_deleted BEFORE DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION refuse_user_delete();
-- a statement trigger, since TRUNCATE fires no row triggers
CREATE TRIGGER users_never_truncated BEFORE TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_user_delete();

GRANT SELECT, INSERT, UPDATE ON users TO claimdesk_desktop;
`;
