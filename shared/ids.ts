/**
 * Row ids are branded by table, so an account id cannot be passed where a claim id is
 * expected (both are plain integers in SQLite, and mixing them up posts money to the
 * wrong place). An id gets its brand where it enters: a validated method input (the
 * typed id fields in api/fields.ts), a query's row type, or an insert's new row id.
 */
export type Id<Table extends string> = number & { readonly __id: Table };

export type AccountId = Id<'Account'>;
export type ClaimId = Id<'Claim'>;
export type ClaimLineId = Id<'ClaimLine'>;
export type PayerId = Id<'Payer'>;
export type PersonId = Id<'Person'>;
export type UserId = Id<'User'>;
export type FollowUpId = Id<'FollowUp'>;
export type ReceiptId = Id<'Receipt'>;
export type LedgerEntryId = Id<'LedgerEntry'>;
export type BatchId = Id<'Batch'>;
export type PlanId = Id<'Plan'>;
export type DenialId = Id<'Denial'>;
export type DocumentId = Id<'Document'>;

/**
 * The id SQLite gave the row just inserted, with the brand of its table. The one place
 * an id is branded without a row type: `lastInsertRowid` is whatever the insert made.
 */
export function insertedId<T extends Id<string>>(result: { lastInsertRowid: number | bigint }): T {
  const id = Number(result.lastInsertRowid);
  if (!Number.isSafeInteger(id) || id <= 0) throw new RangeError(`Not a row id: ${id}`);
  return id as T;
}
