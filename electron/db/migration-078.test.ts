import { expect, it } from 'vitest';
import { all } from './query';
import { LEDGER_FIXED, RECEIPTS_FIXED } from './migrations/078-deidentified-money-memos';
import { createTestCtx } from '../testing/test-db';

/**
 * Migration 78 lets a de-identification rewrite a money row's memo only when every other
 * column it names stays as it was: a column added to the ledger or to receipts later and not
 * named there could be changed with a scrubbed memo, and money would move. So the lists must
 * name every column of the tables as they now are, but the memo.
 */
it('holds every column of a ledger row and a receipt but the memo as it was', () => {
  const ctx = createTestCtx();
  try {
    const columns = (table: string) =>
      all<{ name: string }>(ctx.db, `SELECT name FROM pragma_table_info(?)`, table)
        .map((c) => c.name)
        .filter((name) => name !== 'memo')
        .sort();
    expect([...LEDGER_FIXED].sort()).toEqual(columns('ledger_entries'));
    expect([...RECEIPTS_FIXED].sort()).toEqual(columns('receipts'));
  } finally {
    ctx.close();
  }
});
