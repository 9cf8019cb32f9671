import { older } from './067-office-collections-of-older-versions';

/**
 * Migration 69: the payment plans and promises to pay an older version made at a linked desk
 * travel (see the office design, "Payment plans and promises to pay").
 *
 * Made by a version before migration 63, they were captured by nothing, and migration 63 named
 * them this desk's own, never sent: the other desks treated the patient as on no plan (a
 * dunning statement instead of the plan statement, the account among the agency's candidates)
 * and knew nothing of a promise. Now each made at or after the link is named by this desk and
 * noted for the outbox as an insert carrying the row as it now stands (ended included, its
 * schedule inside it), as migration 67 sends an older version's collection records: the seal
 * sends each alone with the next request (outbox.ts), and a refusal (another desk set up the
 * account's plan of that number first) takes the usual way back.
 *
 * Nothing beside a plan or promise travelled (its history line names neither), so the clock
 * tells them from the first copy's, as migrations 62 and 63 do. A desk that passed migration
 * 63 before this one keeps them its own, as migration 67 leaves a desk's collection records
 * that passed migration 60. Standalone, nothing changes.
 */
export const migration069 = [
  older('payment_plans', 'p', 'p.created_at'),
  older('promises', 'p', 'p.created_at'),
].join('\n');
