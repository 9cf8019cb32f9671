/**
 * Server migration 19: payment plans and promises to pay travel between desks. Until now a
 * plan made at one desk was unknown at the others, which went on treating the patient as
 * not on a plan (dunning statements, the agency's candidates, the calls), and a promise
 * likewise.
 *
 * A plan is a record made once with its schedule (`installments`, the whole schedule as the
 * desks send it), changed later by version as migration 15's collection records are: a
 * person's ending of it, and new charges joining it (installments added, the last topped
 * up). Of two desks changing one plan at once the second is refused and takes the office's.
 * Whether the plan is late, or paid off, is each desk's reading of its own ledger and is not
 * kept here as such: `status` is what the desks send, the person's ending. The account's
 * plans are counted from 1 (`plan_number`): of two desks setting up an account's next plan
 * at once, the second is refused. A count rather than "one active plan per account", since a
 * plan one desk's ledger has paid off is still active here, and the desk must be able to set
 * up the next.
 *
 * A promise to pay is insert-only: kept or broken is each desk's, from its ledger.
 *
 * As migration 17 holds the other changeable records, a desk's login may update only what
 * changes in a plan (`CHANGING_PLANS`, checked with migration 17's by
 * changing-columns.test.ts), its schedule and its version.
 */
export const CHANGING_PLANS: Record<string, string> = {
  payment_plans: 'status, ended_at, ended_by, end_reason',
};

export const serverMigration019 = `
CREATE TABLE payment_plans (
  gid text PRIMARY KEY,
  account_gid text NOT NULL,
  plan_number integer NOT NULL CHECK (plan_number >= 1),
  start_date text NOT NULL,
  first_due_date text NOT NULL,
  monthly_amount bigint NOT NULL CHECK (monthly_amount > 0),
  down_payment bigint NOT NULL CHECK (down_payment >= 0),
  grace_days integer NOT NULL CHECK (grace_days >= 0),
  include_new_charges integer NOT NULL CHECK (include_new_charges IN (0, 1)),
  paid_before bigint NOT NULL,
  created_at text NOT NULL,
  created_by text NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'paid_off', 'broken', 'cancelled')),
  ended_at text,
  ended_by text,
  end_reason text,
  installments jsonb NOT NULL
    CHECK (jsonb_typeof(installments) = 'array' AND jsonb_array_length(installments) > 0),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);
CREATE UNIQUE INDEX payment_plans_number_once ON payment_plans (account_gid, plan_number);
CREATE TRIGGER payment_plans_never_deleted BEFORE DELETE ON payment_plans
  FOR EACH ROW EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER payment_plans_no_truncate BEFORE TRUNCATE ON payment_plans
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER payment_plans_named_once BEFORE UPDATE OF gid, desktop_id ON payment_plans
  FOR EACH ROW WHEN (NEW.gid IS DISTINCT FROM OLD.gid OR NEW.desktop_id IS DISTINCT FROM OLD.desktop_id)
  EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER payment_plans_one_version_on BEFORE UPDATE ON payment_plans
  FOR EACH ROW EXECUTE FUNCTION one_version_on();

CREATE TABLE promises (
  gid text PRIMARY KEY,
  account_gid text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('promise', 'extension')),
  amount bigint NOT NULL CHECK (amount > 0),
  due_date text NOT NULL,
  paid_before bigint NOT NULL,
  note text,
  created_at text NOT NULL,
  created_by text NOT NULL,
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);
CREATE TRIGGER promises_insert_only BEFORE UPDATE OR DELETE ON promises
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER promises_no_truncate BEFORE TRUNCATE ON promises
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

REVOKE ALL ON payment_plans, promises FROM PUBLIC;
GRANT SELECT, INSERT ON payment_plans, promises TO claimdesk_desktop;
${Object.entries(CHANGING_PLANS)
  .map(([t, cols]) => `GRANT UPDATE (${cols}, installments, version) ON ${t} TO claimdesk_desktop;`)
  .join('\n')}
ALTER TABLE payment_plans ENABLE ROW LEVEL SECURITY;
CREATE POLICY payment_plans_read ON payment_plans FOR SELECT USING (true);
CREATE POLICY payment_plans_insert_own ON payment_plans FOR INSERT WITH CHECK (
  my_desk(desktop_id) AND (starts_with(gid, desktop_id::text || ':')
    OR (starts_with(gid, 'base:') AND version = 2)));
CREATE POLICY payment_plans_change ON payment_plans FOR UPDATE USING (true) WITH CHECK (true);
ALTER TABLE promises ENABLE ROW LEVEL SECURITY;
CREATE POLICY promises_read ON promises FOR SELECT USING (true);
CREATE POLICY promises_insert_own ON promises FOR INSERT
  WITH CHECK (my_desk(desktop_id) AND starts_with(gid, desktop_id::text || ':'));
`;
