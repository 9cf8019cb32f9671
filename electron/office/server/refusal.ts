import type { ServerRow } from '../wire';
import { LetterheadRefused } from './letterhead';
import { RecordChangeRefused } from './record-changes';
import { RuleRefused } from './rules';
import { UserRefused } from './users';

/** Raised inside the entry's transaction to roll it back and answer with a reason. */
export class Refusal extends Error {
  constructor(
    readonly reason: string,
    readonly serverRows: ServerRow[],
  ) {
    super(reason);
  }
}

/** A refusal of one kind of change that brings the office's rows of it, for the desk to take. */
const withOfficeRows = (
  error: unknown,
): error is UserRefused | RuleRefused | LetterheadRefused | RecordChangeRefused =>
  error instanceof UserRefused ||
  error instanceof RuleRefused ||
  error instanceof LetterheadRefused ||
  error instanceof RecordChangeRefused;

/**
 * Applies one kind's change (a user, a rule, the letterhead, a record, a request's decision),
 * its own refusal becoming the entry's: the entry rolls back and the desk takes the rows the
 * refusal brought. Any other error is a failure, and stays one.
 */
export async function refusedWithOfficeRows<T>(apply: () => Promise<T>): Promise<T> {
  try {
    return await apply();
  } catch (error) {
    if (withOfficeRows(error)) throw new Refusal(error.reason, error.serverRows);
    throw error;
  }
}
