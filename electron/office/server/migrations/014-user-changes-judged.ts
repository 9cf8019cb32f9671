/**
 * Server migration 14: the server itself judges every write to `users`, as `applyEntry`
 * does (server/users.ts). Every desk's login may insert and update the table, so until now
 * a program holding any desk's login could make anyone a supervisor by writing it
 * directly; the check ran only in the desktop's code.
 *
 * The rules are applyUserChange's: a new name waiting for a supervisor (pending, a
 * representative) grants nothing and is taken from anyone; any other new user, and any
 * change to a user's role, access or waiting or to someone else's details, needs an author
 * (`changed_by`) who is an active supervisor on the server's rows as they stood before the
 * statement; a user may change their own name and contact. The function is STABLE, so its
 * lookup sees the table as the statement found it: a row the same statement makes a
 * supervisor does not count, and a representative naming themselves as the author of their
 * own promotion is refused. applyUserChange checks first, in the same words the desktop
 * shows; this is the backstop for a login writing the table by itself.
 *
 * What it cannot tell: the author is the desk's word. A desk's login naming a real
 * supervisor as the author is let through until the server knows the person (see the
 * office design).
 *
 * The database's owner (the supervisor's owner login, or a superuser acting for it) is not
 * judged on the author: it uploads the first copy's users, whose authors may be themselves
 * or come later in the batch. Everyone, the owner too, moves a user one version on and
 * keeps their gid.
 */
export const serverMigration014 = `
CREATE FUNCTION user_change_judged() RETURNS trigger LANGUAGE plpgsql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  decides boolean;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.gid IS DISTINCT FROM OLD.gid THEN
      RAISE EXCEPTION 'a user keeps their gid' USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- the first name and date the office knew them by: copies differ in both (a name first
    -- seen in another desk's work is added there lower-cased, on the day it was seen), so a
    -- desk's own are let pass unchanged rather than refused
    NEW.username := OLD.username;
    NEW.created_at := OLD.created_at;
  END IF;
  IF pg_has_role(current_user, public.office_owner(), 'MEMBER') THEN RETURN NEW; END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.version <> 1 THEN
      RAISE EXCEPTION 'a new user starts at version 1' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.pending AND NEW.role = 'representative' THEN RETURN NEW; END IF;
  ELSE
    decides := NEW.role IS DISTINCT FROM OLD.role OR NEW.active IS DISTINCT FROM OLD.active
      OR NEW.pending IS DISTINCT FROM OLD.pending;
    IF NOT decides AND NEW.changed_by = NEW.gid THEN RETURN NEW; END IF;
  END IF;
  IF EXISTS (SELECT FROM public.users u WHERE u.gid = NEW.changed_by
               AND u.role = 'supervisor' AND u.active AND NOT u.pending) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'only an active supervisor may allow, turn off or change a user'
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER users_change_judged BEFORE INSERT OR UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION user_change_judged();
-- migration 12's trigger, which held records and follow-ups but not users
CREATE TRIGGER users_one_version_on BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION one_version_on();
`;
