import { describe, expect, it } from 'vitest';
import { readCsv } from './read';

const table = (text: string) => {
  const r = readCsv(text);
  if (!r.ok) throw new Error(r.problem);
  return r.table;
};

describe('readCsv', () => {
  it('reads quoted values with commas, doubled quotes and line breaks, whatever the line ends', () => {
    const t = table(
      '\uFEFFAcct,Name,Note\r\nA1,"Smith, John","said ""call later""\nthen hung up"\rA2,Lee,\n',
    );
    expect(t.headers).toEqual(['Acct', 'Name', 'Note']);
    expect(t.rows).toEqual([
      { rowNumber: 2, cells: ['A1', 'Smith, John', 'said "call later"\nthen hung up'] },
      { rowNumber: 3, cells: ['A2', 'Lee', ''] },
    ]);
  });

  it('numbers rows as a spreadsheet does, leaving blank rows out', () => {
    const t = table('a,b\n1,2\n\n,\n3,4');
    expect(t.rows.map((r) => [r.rowNumber, r.cells])).toEqual([
      [2, ['1', '2']],
      [5, ['3', '4']],
    ]);
  });

  it('keeps a quote inside an unquoted value and text after a closing quote, as spreadsheets do', () => {
    expect(table('h,i\n5" pad,"a"b\n').rows[0]?.cells).toEqual(['5" pad', 'ab']);
  });

  it('names blank headers by position and trims the others', () => {
    expect(table(' Acct ,,Balance\n1,2,3').headers).toEqual(['Acct', 'Column 2', 'Balance']);
  });

  it('stops at a quote that never closes, naming the row it opened on', () => {
    const r = readCsv('a,b\n1,2\n3,"open\n4,5\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatch(/^Row 3 has a value that opens a quote/);
  });

  it('says when a file has no header or is separated by something else', () => {
    const problem = (text: string) => {
      const r = readCsv(text);
      return r.ok ? null : r.problem;
    };
    expect(problem('')).toMatch(/header row/);
    expect(problem('\n\n')).toMatch(/header row/);
    expect(problem('Acct\tName\n1\tA')).toMatch(/separated by tabs/);
    expect(problem('Acct;Name\n1;A')).toMatch(/separated by semicolons/);
  });

  it('reads only the first rows when asked', () => {
    const t = table('a\n1\n2\n3\n4\n');
    expect(readCsv('a\n1\n2\n3\n4\n', 2)).toEqual({
      ok: true,
      table: { headers: ['a'], rows: t.rows.slice(0, 2) },
    });
  });
});
