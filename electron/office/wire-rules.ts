import { z } from 'zod';
import { saveBillingRulesInput } from '../../shared/api/rules';
import { gid } from './wire-fields';

/**
 * One of the office's billing rules as a supervisor set it, named `rule:<key>` on every copy
 * (server migration 22). A value outside the bounds Settings allows is not taken from the
 * wire: the server could hold one only if a desk's login wrote it around ClaimDesk.
 */
export const billingRuleRow = z
  .strictObject({
    key: saveBillingRulesInput.keyof(),
    value: z.number().int(),
    updatedAt: z.string(),
    // who set it: a person, by sign-in name
    updatedBy: gid.regex(/^user:/),
  })
  .refine(
    (r) => saveBillingRulesInput.safeParse({ [r.key]: r.value }).success,
    'a billing rule within the bounds Settings allows',
  );
export type BillingRuleRow = z.infer<typeof billingRuleRow>;
