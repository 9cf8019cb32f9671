import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from './read';
import { csvLine, guardCell, toCsv, unguardCell } from './write';

describe('writing CSV', () => {
  it('quotes values with commas, quotes, line breaks or edge spaces', () => {
    expect(csvLine(['plain', 'a,b', 'say "hi"', 'two\nlines', ' pad'])).toBe(
      'plain,"a,b","say ""hi""","two\nlines"," pad"',
    );
  });

  it('makes text a spreadsheet would run as a formula inert, but leaves numbers alone', () => {
    for (const formula of ['=SUM(A1:A9)', '+1 555 0100', '-2+3', '@cmd', '\t=1', '\r=1'])
      expect(guardCell(formula), formula).toBe(`'${formula}`);
    for (const safe of ['-12.50', '-7', '1234.50', 'Smith', "O'Brien", ''])
      expect(guardCell(safe), safe).toBe(safe);
    expect(csvLine(['=HYPERLINK("http://x")'])).toBe(`"'=HYPERLINK(""http://x"")"`);
    // text that already looks guarded keeps its own quote when read back
    expect(unguardCell(guardCell("'=1"))).toBe("'=1");
  });

  it('ends lines with CRLF and starts with a byte order mark when asked', () => {
    expect(
      toCsv(
        [
          ['a', 'b'],
          ['1', '2'],
        ],
        { bom: true },
      ),
    ).toBe('\uFEFFa,b\r\n1,2\r\n');
  });

  it('reads back what it wrote, for any text', () => {
    // plain text, and text starting the way that needs quoting or guarding
    const cell = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc
        .tuple(
          fc.constantFrom('=', '+', '-', '@', "'", "'=", "''+", '"', ',', '\n', '\r\n', ' ', '\t'),
          fc.string(),
        )
        .map(([start, rest]) => start + rest),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (rows) => {
          const header = ['h1', 'h2', 'h3'];
          const r = readCsv(toCsv([header, ...rows], { bom: true }));
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          // a reader leaves out blank rows; a cell guarded against formulas ("'\t") is not blank
          const kept = rows.filter((cells) => cells.some((c) => guardCell(c).trim() !== ''));
          expect(r.table.rows.map((x) => x.cells.map(unguardCell))).toEqual(kept);
        },
      ),
    );
  });
});
