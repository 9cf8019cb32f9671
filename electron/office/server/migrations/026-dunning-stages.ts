import { INSTANT } from '../../wire-stages';
import { stageOrderSql } from '../stages';

const DATE = '^\\d{4}-\\d{2}-\\d{2}$';

/**
 * Server migration 26: each account's place in its guarantor's statement cycle
 * (`dunning_stages` on a desk), named `stage:<account's gid>`. Until now each desk kept its
 * own, so a statement printed at one desk left the others to send the first statement again,
 * or another within days. A stage is a fact of what was printed, so rows never clash: of two,
 * the later in STAGE_ORDER (wire-stages.ts) is kept, by the upsert of `applyStageChange` and,
 * whoever writes the table, by this trigger, which refuses a stage going back. Any desk may
 * move a stage on, naming itself as the desk that wrote it; none may delete one. A row dated
 * more than two days past the server's calendar is refused, so one written around ClaimDesk
 * cannot hold every later statement off. The order and the instant's form are written into
 * the function as this migration runs: changed later, they need a migration that makes the
 * function again.
 */
export const serverMigration026 = `
CREATE TABLE dunning_stages (
  gid text PRIMARY KEY CHECK (gid = 'stage:' || account_gid),
  account_gid text NOT NULL,
  guarantor_gid text NOT NULL,
  stage smallint NOT NULL CHECK (stage BETWEEN 0 AND 4),
  first_statement_date text NOT NULL,
  statements_sent integer NOT NULL CHECK (statements_sent >= 0),
  last_statement_date text,
  last_amount_due bigint,
  source text NOT NULL CHECK (source IN ('statement', 'import')),
  updated_at text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);

-- dated no later than two days past the server's clock (desks' clocks differ a little), so
-- a row written around ClaimDesk cannot hold every later statement off for long
CREATE FUNCTION dunning_stage_bounded() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  latest text := to_char(current_date + 2, 'YYYY-MM-DD');
BEGIN
  IF NEW.first_statement_date !~ '${DATE}' OR NEW.first_statement_date COLLATE "C" > latest
      OR NEW.last_statement_date !~ '${DATE}' OR NEW.last_statement_date COLLATE "C" > latest
      OR NEW.updated_at !~ '${INSTANT.source}' OR NEW.updated_at COLLATE "C" > latest || 'T99'
      OR NEW.statements_sent > 1000 THEN
    RAISE EXCEPTION 'a statement stage must be dated by the office''s calendar'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'dunning_stage_bounds';
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW.gid IS DISTINCT FROM OLD.gid
      OR NEW.account_gid IS DISTINCT FROM OLD.account_gid) THEN
    RAISE EXCEPTION 'a statement stage keeps its account' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'UPDATE' AND NOT ${stageOrderSql('NEW')} > ${stageOrderSql('OLD')} THEN
    RAISE EXCEPTION 'a statement stage only moves on' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER dunning_stages_bounded_and_moving_on BEFORE INSERT OR UPDATE ON dunning_stages
  FOR EACH ROW EXECUTE FUNCTION dunning_stage_bounded();
CREATE TRIGGER dunning_stages_one_version_on BEFORE UPDATE ON dunning_stages
  FOR EACH ROW EXECUTE FUNCTION one_version_on();
CREATE TRIGGER dunning_stages_never_deleted BEFORE DELETE ON dunning_stages
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER dunning_stages_no_truncate BEFORE TRUNCATE ON dunning_stages
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

ALTER TABLE dunning_stages ENABLE ROW LEVEL SECURITY;
CREATE POLICY dunning_stages_read ON dunning_stages FOR SELECT USING (true);
CREATE POLICY dunning_stages_insert_own ON dunning_stages FOR INSERT
  WITH CHECK (my_desk(desktop_id));
-- any desk may move an account's stage on, in its own name
CREATE POLICY dunning_stages_move_on ON dunning_stages FOR UPDATE USING (true)
  WITH CHECK (my_desk(desktop_id));
REVOKE ALL ON dunning_stages FROM PUBLIC;
GRANT SELECT, INSERT ON dunning_stages TO claimdesk_desktop;
GRANT UPDATE (guarantor_gid, stage, first_statement_date, statements_sent, last_statement_date,
  last_amount_due, source, updated_at, version, desktop_id) ON dunning_stages
  TO claimdesk_desktop;
`;
