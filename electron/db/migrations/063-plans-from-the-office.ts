/**
 * Migration 63: payment plans and promises to pay between the desks of an office (see the
 * office design, "Payment plans and promises to pay").
 *
 * An account's plans are counted from 1 (`plan_number`), in the order this copy made them:
 * two desks setting up an account's next plan at once give it the same number, and the
 * office refuses the second. The first copy's plans are numbered alike on every copy, since
 * each holds them at the same ids.
 *
 * The plans and promises an older version made at a linked desk were never captured, so
 * they have no office-wide id and would fall back to `base:<id>`, the name of the first
 * copy's row of that id, which another desk's own row may share: an ending of one sent now
 * would land on that row there. Each made at or after the link is named this desk's own
 * (`own:`), as migration 60 names the collection records: never sent, nor are its later
 * changes. The other desks never had them.
 */
export const migration063 = `
ALTER TABLE payment_plans ADD COLUMN plan_number INTEGER NOT NULL DEFAULT 1
  CHECK (plan_number >= 1);
UPDATE payment_plans SET plan_number =
  (SELECT count(*) FROM payment_plans o
    WHERE o.account_id = payment_plans.account_id AND o.id <= payment_plans.id);
${migration063Own()}`;

/** The naming of an older version's plans and promises as this desk's own, on its own for its test. */
export function migration063Own(): string {
  return `INSERT INTO sync_rows (tbl, local_id, gid, version)
  SELECT 'payment_plans', p.id, 'own:' || p.id, 1 FROM payment_plans p, office_link l
   WHERE p.created_at >= l.linked_at
     AND NOT EXISTS (SELECT 1 FROM sync_rows s WHERE s.tbl = 'payment_plans' AND s.local_id = p.id);
INSERT INTO sync_rows (tbl, local_id, gid, version)
  SELECT 'promises', p.id, 'own:' || p.id, 1 FROM promises p, office_link l
   WHERE p.created_at >= l.linked_at
     AND NOT EXISTS (SELECT 1 FROM sync_rows s WHERE s.tbl = 'promises' AND s.local_id = p.id);
`;
}
