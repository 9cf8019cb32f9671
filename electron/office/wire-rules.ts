import { z } from 'zod';
import { saveBillingRulesInput } from '../../shared/api/rules';
import { gid } from './wire-fields';

/**
 * One of the office's billing rules as a supervisor set it, named `rule:<key>` on every copy
 * (server migration 22), as a desk sends it: the server holds its value to the bounds
 * Settings allows (server migration 25) and answers one outside them with a refusal listed
 * at the desk, which a value refused here, before it is sent, could never be.
 */
export const billingRuleRow = z.strictObject({
  key: saveBillingRulesInput.keyof(),
  value: z.number().int(),
  updatedAt: z.string(),
  // who set it: a person, by sign-in name
  updatedBy: gid.regex(/^user:/),
});
export type BillingRuleRow = z.infer<typeof billingRuleRow>;

/** Whether a rule's value is within the bounds Settings allows. */
export const withinRuleBounds = (r: Pick<BillingRuleRow, 'key' | 'value'>) =>
  saveBillingRulesInput.safeParse({ [r.key]: r.value }).success;

/**
 * A rule as the office has it, as a desk takes it: only within the bounds Settings allows.
 * The server could hold one outside them only from before server migration 25 (a desk's
 * login writing around ClaimDesk, or a first copy an older version's wider bounds allowed),
 * and a desk passes over it, keeping its own (server/office.ts, `readChanges`).
 */
export const officeRuleRow = billingRuleRow.refine(
  withinRuleBounds,
  'a billing rule within the bounds Settings allows',
);
