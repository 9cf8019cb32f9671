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
 * would land on that row there. This migration named each made at or after the link this
 * desk's own (`own:`), never sent, until migration 69 came to send them: a desk upgrading past
 * both has them named there.
 */
export const migration063 = `
ALTER TABLE payment_plans ADD COLUMN plan_number INTEGER NOT NULL DEFAULT 1
  CHECK (plan_number >= 1);
UPDATE payment_plans SET plan_number =
  (SELECT count(*) FROM payment_plans o
    WHERE o.account_id = payment_plans.account_id AND o.id <= payment_plans.id);
`;
