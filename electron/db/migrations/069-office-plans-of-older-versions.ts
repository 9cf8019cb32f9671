import { lineSent, older } from './067-office-collections-of-older-versions';

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
 * Each is told from the first copy's as migration 67 tells a placement, not by the clock alone:
 * its history line, written on the account in the request that made it, went out from this
 * desk (notes always travelled), which no first-copy plan's or promise's did. One made after
 * the link by the clock whose line never went out stays this desk's own, as migration 63 named
 * it. A desk that passed migration 63 before this one keeps them its own, as migration 67
 * leaves a desk's collection records that passed migration 60. Standalone, nothing changes.
 */
export const migration069 = [
  older('payment_plans', 'p', 'p.created_at', lineSent('p.account_id', 'p.created_at')),
  older('promises', 'p', 'p.created_at', lineSent('p.account_id', 'p.created_at')),
].join('\n');
