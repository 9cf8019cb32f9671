import type { Ctx } from '../core/context';
import { oneOrThrow } from '../db/query';
import { call } from './call';

/** A facility accounts are billed under, added in Settings by a supervisor; its local id. */
export function addFacility(ctx: Ctx, name: string, npi: string | null): number {
  call(ctx, 'saveBillingFacility', { facilityId: null, name, npi });
  return facilityNamed(ctx, name).id;
}

/** A facility as this copy holds it, found by its name. */
export const facilityNamed = (ctx: Ctx, name: string) =>
  oneOrThrow<{ id: number; name: string; npi: string | null }>(
    ctx.db,
    `SELECT id, name, npi FROM facilities WHERE name = ?`,
    name,
  );

/** A supervisor's edit in Settings: the whole form (name and NPI), as the screen sends it. */
export function editFacility(
  ctx: Ctx,
  name: string,
  edit: { name?: string; npi?: string | null },
): void {
  const f = facilityNamed(ctx, name);
  call(ctx, 'saveBillingFacility', { facilityId: f.id, name: f.name, npi: f.npi, ...edit });
}
