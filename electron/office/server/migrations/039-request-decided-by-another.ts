/**
 * Server migration 39: nobody decides a request waiting for approval that they asked for
 * (`decided_by <> requested_by`). Each desk refuses it (approvals/decide.ts: the second pair
 * of eyes is the point of asking), but the server judged only that the decider was an active
 * supervisor (migration 35): a supervisor's own write-off over the limit waits like anyone's,
 * and a program holding a desk's login could approve it in her name.
 *
 * Judged as migration 35 judges the decision, when the decision is made: an update setting
 * `decided_at`, or an insert already decided (a first-copy request, `base:`, reaching the
 * server with its first decision at version 2, and a desk's own filed decided). A first-copy
 * request is judged like any other here: the uploaded copy never sends a decided request (it
 * stays in the office copy, unchanged), so one arriving decided was decided at a desk, by
 * ClaimDesk versions that all refused their own. The database's owner is not judged (it
 * uploads the first copy). Raised as `insufficient_privilege` naming the constraint
 * `decided_by_another`, which the server answers as a refusal listed at the deciding desk
 * (supervisor-decisions.ts). Requests decided before this migration are left as they are:
 * history is not changed.
 *
 * The trigger's name sorts after migration 35's `adjustment_requests_judged`, so a
 * representative deciding their own request is told first that only a supervisor may.
 */
export const serverMigration039 = `
CREATE FUNCTION request_decided_by_another() RETURNS trigger LANGUAGE plpgsql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF pg_has_role(current_user, public.office_owner(), 'MEMBER') THEN RETURN NEW; END IF;
  IF NEW.decided_at IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.decided_at IS NULL)
      AND NEW.decided_by = NEW.requested_by THEN
    RAISE EXCEPTION 'nobody may approve or refuse a request they asked for'
      USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'decided_by_another';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER adjustment_requests_other_decides BEFORE INSERT OR UPDATE ON adjustment_requests
  FOR EACH ROW EXECUTE FUNCTION request_decided_by_another();
`;
