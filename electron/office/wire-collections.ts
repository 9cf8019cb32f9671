import { z } from 'zod';
import { cents, gid, isoDate, text } from './wire-fields';

// the collection cycle's records, as they travel; wire.ts puts them in its unions

/**
 * A move of an account's patient balance to bad debt, as a supervisor approved it, and its
 * undoing (the only later change). The request it answered is the approving desk's own.
 */
export const badDebtMoveRow = z.strictObject({
  accountGid: gid,
  amount: cents.positive(),
  movedOn: isoDate,
  movedAt: z.string(),
  movedBy: gid,
  undoneAt: text,
  undoneBy: gid.nullable(),
  undoReason: text,
});
export type BadDebtMoveRow = z.infer<typeof badDebtMoveRow>;
