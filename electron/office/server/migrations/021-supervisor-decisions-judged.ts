/**
 * Server migration 21: the supervisor's decisions in the collection cycle judged by the
 * server itself, as migration 14 judges changes to users. A move to bad debt, its undoing,
 * an extraordinary collection action, a new agency, a sending of accounts to one, the
 * lifting of a contact restriction and the decision of a financial-assistance application
 * are supervisor-only on the desktop (dispatch), but until
 * now the server took them from any
 * desk's login: a representative who made themselves a supervisor in their own copy (the
 * file edited by hand, which the server already refuses as a change to users) could still
 * move accounts to bad debt office-wide.
 *
 * Each row names who decided it (`moved_by`, `undone_by`, `taken_by`, `created_by`,
 * `lifted_by`, `decided_by`); that
 * person must be an active supervisor on the server's own users, as the statement found
 * them. A refusal is raised as `insufficient_privilege` naming the constraint
 * `supervisor_decision`, which `applyEntry` answers as a refusal listed at its desk.
 *
 * A row of the office's first copy (`base:`), which reaches the server at its first change,
 * is not judged on who made it: the uploaded copy decided it, perhaps long ago and by a
 * supervisor who has since left. Its undoing is judged like any other. The database's owner
 * is not judged (it uploads the first copy).
 *
 * What it cannot tell, as for users: who decided is the desk's word. A desk's login naming a
 * real supervisor is let through until the server knows the person at the desk.
 *
 * Arguments: what the insert decides (in words, empty when anyone may make it), its author
 * column; and, for a record a later decision ends, the column set when it is ended, its
 * author column, and what that decides.
 */
export const serverMigration021 = `
CREATE FUNCTION is_active_supervisor(who text) RETURNS boolean LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT EXISTS (SELECT FROM public.users u WHERE u.gid = who
                   AND u.role = 'supervisor' AND u.active AND NOT u.pending)
$$;

CREATE FUNCTION supervisor_decision_judged() RETURNS trigger LANGUAGE plpgsql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  n jsonb := to_jsonb(NEW);
  o jsonb := CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) END;
  decided text;
BEGIN
  IF pg_has_role(current_user, public.office_owner(), 'MEMBER') THEN RETURN NEW; END IF;
  IF TG_OP = 'INSERT' AND TG_ARGV[0] <> '' AND NOT starts_with(NEW.gid, 'base:')
      AND NOT public.is_active_supervisor(n ->> TG_ARGV[1]) THEN
    decided := TG_ARGV[0];
  ELSIF TG_NARGS > 2 AND n ->> TG_ARGV[2] IS NOT NULL AND (o IS NULL OR o ->> TG_ARGV[2] IS NULL)
      AND NOT public.is_active_supervisor(n ->> TG_ARGV[3]) THEN
    decided := TG_ARGV[4];
  END IF;
  IF decided IS NULL THEN RETURN NEW; END IF;
  RAISE EXCEPTION 'only an active supervisor may %', decided
    USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'supervisor_decision';
END $$;

CREATE TRIGGER bad_debt_moves_judged BEFORE INSERT OR UPDATE ON bad_debt_moves
  FOR EACH ROW EXECUTE FUNCTION supervisor_decision_judged(
    'move an account to bad debt', 'moved_by', 'undone_at', 'undone_by',
    'undo a move to bad debt');
CREATE TRIGGER extraordinary_actions_judged BEFORE INSERT ON extraordinary_actions
  FOR EACH ROW EXECUTE FUNCTION supervisor_decision_judged(
    'record an extraordinary collection action', 'taken_by');
CREATE TRIGGER agencies_judged BEFORE INSERT ON agencies
  FOR EACH ROW EXECUTE FUNCTION supervisor_decision_judged(
    'add a collection agency', 'created_by');
CREATE TRIGGER agency_placement_batches_judged BEFORE INSERT ON agency_placement_batches
  FOR EACH ROW EXECUTE FUNCTION supervisor_decision_judged(
    'place accounts with a collection agency', 'created_by');
-- anyone records a restriction (a patient's request is taken by whoever answers); only a
-- supervisor lifts one
CREATE TRIGGER contact_restrictions_judged BEFORE INSERT OR UPDATE ON contact_restrictions
  FOR EACH ROW EXECUTE FUNCTION supervisor_decision_judged(
    '', 'recorded_by', 'lifted_at', 'lifted_by', 'lift a contact restriction');
-- anyone receives an application; only a supervisor decides it, and its charity write-off
-- goes with the decision
CREATE TRIGGER assistance_applications_judged BEFORE INSERT OR UPDATE ON assistance_applications
  FOR EACH ROW EXECUTE FUNCTION supervisor_decision_judged(
    '', 'recorded_by', 'decided_on', 'decided_by', 'decide a financial-assistance application');
`;
