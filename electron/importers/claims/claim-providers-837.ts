import { element, optional, type Segment } from '../x12/tokenizer';
import type { ClaimProvider837, ClaimProviderRole } from './claim-types';

const ROLES: Readonly<Record<string, ClaimProviderRole>> = {
  '71': 'attending',
  '72': 'operating',
  '82': 'rendering',
  DN: 'referring',
};

/**
 * NM1 of a provider loop: claim level (2310) or line level (2420), into the claim's or
 * the line's list. The first of each role is kept: the guides allow one per claim or
 * line, and a second would only be a sender's repeat.
 */
export function readProvider(segment: Segment, holder: { providers?: ClaimProvider837[] }): void {
  const role = ROLES[element(segment, 1)];
  const last = optional(segment, 3);
  if (!role || !last) return;
  const providers = (holder.providers ??= []);
  if (providers.some((p) => p.role === role)) return;
  providers.push({
    role,
    name: {
      last,
      first: optional(segment, 4),
      middle: optional(segment, 5),
      suffix: optional(segment, 7),
    },
    npi: element(segment, 8) === 'XX' ? optional(segment, 9) : null,
  });
}
