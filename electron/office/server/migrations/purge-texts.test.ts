import { describe, expect, it } from 'vitest';
import { LISTS, PERSON_TEXTS } from '../../../purge/scrub-records';
import { COLUMNS, serverColumn, type RecordTable } from '../../record-columns';
import { PURGED_LISTS } from './023-purge-person-texts';
import { PURGED_TEXTS_037 } from './037-purge-request-texts';

describe("the collection records' and requests' texts the purge reaches", () => {
  it('are on the server the columns each desk scrubs, by the fields they travel as', () => {
    // a column the desks scrub but the server does not purge stays there naming the person
    const desks = Object.fromEntries(
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
    expect(PURGED_TEXTS_037).toEqual(desks);
    expect([...PURGED_LISTS].sort()).toEqual([...LISTS].sort());
  });
});
