import { type PersonId, insertedId } from '../../../shared/ids';
import type { IsoDate } from '../../../shared/dates/iso-date';
import type { Ctx } from '../../core/context';
import type { Claim837, PersonName, PostalAddress } from './claim-types';
import { one, run } from '../../db/query';

/** A patient or subscriber as a claim file describes them. */
export interface ClaimPerson {
  name: PersonName;
  dateOfBirth: IsoDate | null;
  sex: string | null;
  address: PostalAddress | null;
}

/** Where an address from a claim file is dated and why it was recorded. */
export interface AddressSource {
  effectiveDate: IsoDate;
  reason: string;
}

/** The people table has no suffix column; "Smith Jr" keeps the suffix with the name. */
/** How the guarantor (the subscriber, when the patient is someone else) is related to the patient. */
export function guarantorRelationship(claim: Claim837): 'self' | 'spouse' | 'parent' | 'other' {
  if (!claim.patient) return 'self';
  const code = claim.patient.relationship;
  return code === '01' || code === '53' ? 'spouse' : code === '19' ? 'parent' : 'other';
}

export function lastNameOf(name: PersonName): string {
  return name.suffix ? `${name.last} ${name.suffix}` : name.last;
}

export function displayName(name: PersonName): string {
  return [lastNameOf(name), name.first].filter(Boolean).join(', ');
}

/** `606143318` → `60614-3318`, the way addresses are kept. */
export function zipOf(zip: string): string {
  return /^\d{9}$/.test(zip) ? `${zip.slice(0, 5)}-${zip.slice(5)}` : zip;
}

const normal = (s: string | null): string =>
  (s ?? '').toUpperCase().replace(/[.,#]/g, '').replace(/\s+/g, ' ').trim();

/** Same place: case, punctuation, spacing and a missing ZIP+4 do not make a new address. */
function sameAddress(
  a: { line1: string; line2: string | null; city: string; state: string; zip: string },
  b: PostalAddress,
): boolean {
  return (
    normal(a.line1) === normal(b.line1) &&
    normal(a.line2) === normal(b.line2) &&
    normal(a.city) === normal(b.city) &&
    normal(a.state) === normal(b.state) &&
    a.zip.slice(0, 5) === b.zip.slice(0, 5)
  );
}

const sexOf = (sex: string | null): string | null => (sex === 'F' || sex === 'M' ? sex : null);

/**
 * The person by last name, first name and date of birth, the way registration finds a
 * returning patient; without a date of birth nobody is matched, since a name alone is
 * too often shared. Returns null when there is no such person.
 */
export function findPerson(ctx: Ctx, p: ClaimPerson): PersonId | null {
  if (p.dateOfBirth === null) return null;
  const row = one<{ id: PersonId }>(
    ctx.db,
    `SELECT id FROM people WHERE last_name = ? AND first_name = ? AND date_of_birth = ?
       ORDER BY id LIMIT 1`,
    lastNameOf(p.name),
    p.name.first ?? '',
    p.dateOfBirth,
  );
  return row?.id ?? null;
}

export function createPerson(ctx: Ctx, p: ClaimPerson, source: AddressSource): PersonId {
  const id = insertedId<PersonId>(
    run(
      ctx.db,
      `INSERT INTO people (last_name, first_name, middle_name, date_of_birth, sex, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      lastNameOf(p.name),
      p.name.first ?? '',
      p.name.middle,
      p.dateOfBirth,
      sexOf(p.sex),
      ctx.clock.now(),
    ),
  );
  if (p.address) insertAddress(ctx, id, p.address, source);
  return id;
}

/** Found, or created with their address. */
export function findOrCreatePerson(
  ctx: Ctx,
  p: ClaimPerson,
  source: AddressSource,
): { id: PersonId; created: boolean } {
  const found = findPerson(ctx, p);
  if (found !== null) {
    updatePerson(ctx, found, p, source);
    return { id: found, created: false };
  }
  return { id: createPerson(ctx, p, source), created: true };
}

/** Whether the person on file is the one the claim names (same name, no other birth date). */
export function isSamePerson(ctx: Ctx, personId: PersonId, p: ClaimPerson): boolean {
  const row = one<{ last: string; first: string; dob: string | null }>(
    ctx.db,
    `SELECT last_name AS last, first_name AS first, date_of_birth AS dob FROM people WHERE id = ?`,
    personId,
  );
  if (!row) return false;
  return (
    normal(row.last) === normal(lastNameOf(p.name)) &&
    normal(row.first) === normal(p.name.first) &&
    (row.dob === null || p.dateOfBirth === null || row.dob === p.dateOfBirth)
  );
}

/**
 * Fills in what the record lacks (middle name, date of birth, sex) and adds the claim's
 * address to the history when it differs from the current one. Names on file are never
 * overwritten: a claim file is not where a name is corrected. Returns what changed.
 */
export function updatePerson(
  ctx: Ctx,
  personId: PersonId,
  p: ClaimPerson,
  source: AddressSource,
): string[] {
  const changed: string[] = [];
  const filled = run(
    ctx.db,
    `UPDATE people SET middle_name = coalesce(middle_name, ?), date_of_birth = coalesce(date_of_birth, ?),
         sex = coalesce(sex, ?)
       WHERE id = ? AND ((middle_name IS NULL AND ? IS NOT NULL) OR (date_of_birth IS NULL AND ? IS NOT NULL)
         OR (sex IS NULL AND ? IS NOT NULL))`,
    p.name.middle,
    p.dateOfBirth,
    sexOf(p.sex),
    personId,
    p.name.middle,
    p.dateOfBirth,
    sexOf(p.sex),
  );
  if (filled.changes > 0) changed.push('details');
  if (p.address) {
    const current = one<{
      line1: string;
      line2: string | null;
      city: string;
      state: string;
      zip: string;
    }>(
      ctx.db,
      `SELECT line1, line2, city, state, zip FROM addresses WHERE person_id = ?
         ORDER BY effective_date DESC, id DESC LIMIT 1`,
      personId,
    );
    if (!current || !sameAddress(current, p.address)) {
      insertAddress(ctx, personId, p.address, source);
      changed.push('address');
    }
  }
  return changed;
}

function insertAddress(ctx: Ctx, personId: PersonId, a: PostalAddress, source: AddressSource) {
  run(
    ctx.db,
    `INSERT INTO addresses (person_id, line1, line2, city, state, zip, effective_date, reason,
         recorded_at, recorded_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    personId,
    a.line1,
    a.line2,
    a.city,
    a.state,
    zipOf(a.zip),
    source.effectiveDate,
    source.reason,
    ctx.clock.now(),
    ctx.userId,
  );
}
