import { describe, expect, it } from 'vitest';
import { CHANGEABLE_TABLES, COLUMNS, changingColumns, serverColumn } from '../../record-columns';
import { CHANGING as CHANGING_017 } from './017-purge-person';
import { CHANGING_CONTACT } from './018-contact-rules';
import { CHANGING_PLANS } from './019-plans';
import { CHANGING_020 } from './020-assistance';
import { CHANGING_028 } from './028-agency-changes';
import { CHANGING_029 } from './029-claim-line-changes';
import { CHANGING_031 } from './031-facility-changes';
import { CHANGING_035 } from './035-adjustment-requests';

// the grants of migration 17, and those of the later migrations that made more records change
const CHANGING: Record<string, string> = {
  ...CHANGING_017,
  ...CHANGING_CONTACT,
  ...CHANGING_PLANS,
  ...CHANGING_020,
  ...CHANGING_028,
  ...CHANGING_029,
  ...CHANGING_031,
  ...CHANGING_035,
};

describe("what a desk's login may update on the server", () => {
  it('is each changeable record’s changing columns, as the desktops send them', () => {
    // a column the desks send but the server does not grant refuses every such change
    for (const tbl of CHANGEABLE_TABLES) {
      const sent = changingColumns(tbl).map((c) => {
        const col = COLUMNS[tbl].find(([, name]) => name === c);
        if (!col) throw new Error(`${tbl}.${c} is not among its columns`);
        return serverColumn(col);
      });
      expect(
        (CHANGING[tbl] ?? '')
          .split(',')
          .map((c) => c.trim())
          .sort(),
        tbl,
      ).toEqual(sent.sort());
    }
  });
});
