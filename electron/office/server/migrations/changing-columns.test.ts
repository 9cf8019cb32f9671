import { describe, expect, it } from 'vitest';
import { CHANGEABLE_TABLES, COLUMNS, changingColumns, serverColumn } from '../../record-columns';
import { CHANGING } from './017-purge-person';
import { CHANGING_020 } from './020-assistance';

describe("what a desk's login may update on the server", () => {
  it('is each changeable record’s changing columns, as the desktops send them', () => {
    // a column the desks send but the server does not grant refuses every such change
    // each later migration grants its own tables' as 17 did
    const granted = { ...CHANGING, ...CHANGING_020 };
    for (const tbl of CHANGEABLE_TABLES) {
      const sent = changingColumns(tbl).map((c) => {
        const col = COLUMNS[tbl].find(([, name]) => name === c);
        if (!col) throw new Error(`${tbl}.${c} is not among its columns`);
        return serverColumn(col);
      });
      expect(
        (granted[tbl] ?? '')
          .split(',')
          .map((c) => c.trim())
          .sort(),
        tbl,
      ).toEqual(sent.sort());
    }
  });
});
