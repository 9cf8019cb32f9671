import { RULE_BOUNDS } from '../../../../shared/api/rules';
import { CALLING_HOURS_LOCK } from '../rules';

/**
 * Server migration 25: the server holds each billing rule's value to the bounds Settings
 * allows, whoever writes it. Until now only the desks checked a value (the wire schema), so
 * a desk's login writing the table and the change log around ClaimDesk could put one there
 * that every desk then refused to take.
 *
 * Each value is held to its rule's lowest and highest (`RULE_BOUNDS`, shared/api/rules.ts,
 * from which Settings' input is built too; rule-bounds.test.ts keeps the two in step), and a
 * key that names no rule is refused. Calling hours must start before they end where the
 * server holds both, judged when the transaction commits, since one entry may move both.
 * A refusal is raised as `check_violation` naming the constraint `billing_rule_bounds` or
 * `billing_calling_hours`, which `applyRuleChange` answers as a refusal listed at its desk.
 *
 * The upload is let through, in the transaction that makes the office: the first copy's
 * rules are what its desks hold already, an older version's wider bounds perhaps among them,
 * and the office is not refused for them (a desk does not take such a rule; server/rules.ts).
 * A rule already outside the bounds when this migration runs stays as it is until changed.
 *
 * The bounds are written into the function as this migration runs; bounds changed later
 * need a migration of their own that makes the function again from them.
 */
const BOUNDS = Object.entries(RULE_BOUNDS)
  .map(([key, [low, high]]) => `('${key}', ${low}, ${high})`)
  .join(',\n      ');

export const serverMigration025 = `
-- whether this transaction is the upload that made the office (its base cursor is this one)
CREATE FUNCTION is_office_upload() RETURNS boolean LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT EXISTS (SELECT FROM public.office o WHERE o.base_cursor = pg_current_xact_id())
$$;

CREATE FUNCTION billing_rule_bounded() RETURNS trigger LANGUAGE plpgsql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  low bigint;
  high bigint;
BEGIN
  IF TG_OP = 'INSERT' AND public.is_office_upload() THEN RETURN NEW; END IF;
  SELECT b.low, b.high INTO low, high FROM (VALUES
      ${BOUNDS}) AS b (key, low, high)
    WHERE b.key = NEW.key;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no billing rule is named %', NEW.key
      USING ERRCODE = 'check_violation', CONSTRAINT = 'billing_rule_bounds';
  END IF;
  IF NEW.value < low OR NEW.value > high THEN
    RAISE EXCEPTION 'the billing rule % is from % to %, not %', NEW.key, low, high, NEW.value
      USING ERRCODE = 'check_violation', CONSTRAINT = 'billing_rule_bounds';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER billing_rules_bounded BEFORE INSERT OR UPDATE ON billing_rules
  FOR EACH ROW EXECUTE FUNCTION billing_rule_bounded();

-- one writer of the hours at a time, each reading what the one before committed (not STABLE:
-- its reads see the rows as they stand after the lock), so two moving one hour each cannot
-- both pass
CREATE FUNCTION billing_calling_hours_ordered() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  starts bigint;
  ends bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('${CALLING_HOURS_LOCK}'));
  starts := (SELECT value FROM public.billing_rules WHERE key = 'callingHoursStart');
  ends := (SELECT value FROM public.billing_rules WHERE key = 'callingHoursEnd');
  IF starts >= ends AND NOT public.is_office_upload() THEN
    RAISE EXCEPTION 'calling hours must start before they end, not start at % and end at %',
      starts, ends USING ERRCODE = 'check_violation', CONSTRAINT = 'billing_calling_hours';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER billing_rules_calling_hours AFTER INSERT OR UPDATE ON billing_rules
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.key IN ('callingHoursStart', 'callingHoursEnd'))
  EXECUTE FUNCTION billing_calling_hours_ordered();
`;
