import { describe, expect, it } from 'vitest';
import { LISTS, MONEY_TEXTS, PERSON_TEXTS } from '../../../purge/scrub-records';
import { COLUMNS, serverColumn, type RecordTable } from '../../record-columns';
import { ledgerRow, receiptRow } from '../../wire';
import { PURGED_LISTS } from './023-purge-person-texts';
import { PURGED_TEXTS_038 } from './038-purge-money-memos';

describe("the collection records', requests' and money rows' texts the purge reaches", () => {
  it('are on the server the columns each desk scrubs, by the fields they travel as', () => {
    // a column the desks scrub but the server does not purge stays there naming the person
    const records = Object.fromEntries(
      Object.entries(PERSON_TEXTS).map(([tbl, columns]) => [
        tbl,
        Object.fromEntries(
          columns.map((c) => {
            const col = COLUMNS[tbl as RecordTable].find(([, name]) => name === c);
            if (!col) throw new Error(`${tbl}.${c} does not travel`);
            return [serverColumn(col), col[0]];
          }),
        ),
      ]),
    );
    // a money row travels by its own schema, its memo under the same name everywhere
    const shapes = { ledger_entries: ledgerRow.shape, receipts: receiptRow.shape };
    const money = Object.fromEntries(
      Object.entries(MONEY_TEXTS).map(([tbl, columns]) => [
        tbl,
        Object.fromEntries(
          columns.map((c) => {
            if (!Object.hasOwn(shapes[tbl as keyof typeof shapes], c)) {
              throw new Error(`${tbl}.${c} does not travel`);
            }
            return [c, c];
          }),
        ),
      ]),
    );
    expect(PURGED_TEXTS_038).toEqual({ ...records, ...money });
    expect([...PURGED_LISTS].sort()).toEqual([...LISTS].sort());
  });
});
