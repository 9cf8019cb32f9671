/**
 * Server migration 30: a sending of accounts to an agency the office has set to take no new
 * accounts is refused. Each desk refuses a placement with an agency it holds inactive, but an
 * agency set inactive at one desk (its edit travelling since migration 28) could still be
 * sent accounts from another desk that had not yet taken the edit: the accounts went to an
 * agency the office no longer uses. Judged when the sending is written, against the agency as
 * the server holds it then; a sending that committed before the agency was set inactive
 * stands, as it would on one desk. A first-copy agency nobody has changed is not here, and
 * takes accounts as the first copy says. A refusal is raised as `check_violation` naming the
 * constraint `agency_takes_accounts`, which `insertRecord` answers as a refusal listed at its
 * desk, the sending and its placements withdrawn there.
 */
export const serverMigration030 = `
CREATE FUNCTION agency_takes_accounts() RETURNS trigger LANGUAGE plpgsql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT FROM public.agencies g WHERE g.gid = NEW.agency_gid AND g.active = 0) THEN
    RAISE EXCEPTION 'the agency % takes no new accounts', NEW.agency_gid
      USING ERRCODE = 'check_violation', CONSTRAINT = 'agency_takes_accounts';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER agency_placement_batches_taken BEFORE INSERT ON agency_placement_batches
  FOR EACH ROW EXECUTE FUNCTION agency_takes_accounts();
`;
