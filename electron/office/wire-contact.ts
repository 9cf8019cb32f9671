import { z } from 'zod';
import { gid, isoDate, text } from './wire-fields';

// the contact rules and statement holds, as they travel; wire.ts puts them in its unions

/**
 * What limits contact with a guarantor on an account (a dispute is the account's, the others
 * the guarantor's), as recorded, and its lifting (the only later change).
 */
export const contactRestrictionRow = z.strictObject({
  accountGid: gid,
  personGid: gid,
  kind: z.enum(['cease_contact', 'written_dispute', 'attorney', 'bankruptcy']),
  effectiveDate: isoDate,
  note: text,
  attorneyName: text,
  attorneyPhone: text,
  attorneyAddress: text,
  recordedAt: z.string(),
  recordedBy: gid,
  liftedAt: text,
  liftedBy: gid.nullable(),
  liftReason: text,
});
export type ContactRestrictionRow = z.infer<typeof contactRestrictionRow>;

/** A hold on an account's statements no other record knows, and its closing (its only change). */
export const collectionHoldRow = z.strictObject({
  accountGid: gid,
  kind: z.enum(['dispute', 'bankruptcy', 'assistance']),
  note: text,
  openedOn: isoDate,
  openedAt: z.string(),
  openedBy: gid,
  closedAt: text,
  closedBy: gid.nullable(),
});
export type CollectionHoldRow = z.infer<typeof collectionHoldRow>;

/** A supervisor's release of one hold for the account's next statement, kept as made. */
export const statementHoldReleaseRow = z.strictObject({
  accountGid: gid,
  hold: z.string().min(1),
  reason: z.string().min(1),
  releasedAt: z.string(),
  releasedBy: gid,
});
export type StatementHoldReleaseRow = z.infer<typeof statementHoldReleaseRow>;

const version = z.number().int().min(1);

/** As the server holds them: the release insert-only, the rule and the hold by version. */
const releases = z.strictObject({
  tbl: z.literal('statement_hold_releases'),
  gid,
  version: z.literal(1),
  row: statementHoldReleaseRow,
});
const restrictions = z.strictObject({
  tbl: z.literal('contact_restrictions'),
  gid,
  version,
  row: contactRestrictionRow,
});
const holds = z.strictObject({
  tbl: z.literal('collection_holds'),
  gid,
  version,
  row: collectionHoldRow,
});

export const CONTACT_SERVER_ROWS = [releases, restrictions, holds] as const;

const inserted = { op: z.literal('insert'), baseVersion: z.literal(0) };
const insertedOrChanged = {
  op: z.enum(['insert', 'update']),
  baseVersion: z.number().int().min(0),
};

/** As a desktop sends them: the release only inserted, the rule and the hold changed later. */
export const CONTACT_CHANGES = [
  releases.extend(inserted),
  restrictions.extend(insertedOrChanged),
  holds.extend(insertedOrChanged),
] as const;
