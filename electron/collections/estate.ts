import type { ParsedInputOf } from '../../shared/api/contract';
import type { Ctx } from '../core/context';
import type { ReadDb } from '../db/open';
import { one, run } from '../db/query';

/** The estate's representative as a form gives it (death form or estate letter). */
export type EstateRepresentativeInput = NonNullable<ParsedInputOf<'recordDeath'>['representative']>;

export interface EstateRepresentative {
  name: string;
  /** Street lines then "City, ST ZIP"; null while the address is not known. */
  addressLines: string[] | null;
}

/**
 * The one write of who speaks for an estate: the death form and the estate letter both
 * record here. Rows are kept as recorded; the newest is the one in use.
 */
export function recordEstateRepresentative(
  ctx: Ctx,
  personId: number,
  r: EstateRepresentativeInput,
): EstateRepresentative {
  run(
    ctx.db,
    `INSERT INTO estate_representatives (person_id, name, line1, line2, city, state, zip,
       recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    personId,
    r.name,
    r.line1,
    r.line1 ? r.line2 : null,
    r.city,
    r.state ?? null,
    r.zip ?? null,
    ctx.clock.now(),
    ctx.userId,
  );
  const recorded = estateRepresentative(ctx.db, personId);
  if (!recorded) throw new Error('the estate representative just recorded is not there');
  return recorded;
}

/** The representative in use for the person's estate: the newest recorded. */
export function estateRepresentative(db: ReadDb, personId: number): EstateRepresentative | null {
  const row = one<{
    name: string;
    line1: string | null;
    line2: string | null;
    city: string | null;
    state: string | null;
    zip: string | null;
  }>(
    db,
    `SELECT name, line1, line2, city, state, zip FROM estate_representatives
     WHERE person_id = ? ORDER BY id DESC LIMIT 1`,
    personId,
  );
  if (!row) return null;
  // an address moved from free text that did not split into its parts is not mailable
  const { line1, line2, city, state, zip } = row;
  return {
    name: row.name,
    addressLines:
      line1 && city && state && zip
        ? [line1, ...(line2 ? [line2] : []), `${city}, ${state} ${zip}`]
        : null,
  };
}

/** The representative in words, for the account's history. */
export function estateWords(r: EstateRepresentative | null): string {
  if (!r) return ' No estate representative yet.';
  return r.addressLines
    ? ` Estate representative: ${r.name}, ${r.addressLines.join(', ')}.`
    : ` Estate representative: ${r.name}; no mailing address yet.`;
}
