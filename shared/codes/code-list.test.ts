import { describe, expect, it } from 'vitest';
import { isoDate } from '../dates/iso-date';
import { diffCodeList, explainCode, readCodeList, type CodeEntry } from './code-list';

const CSV = [
  'Code,Description,Start Date,Last Modified,Stop Date',
  '1,Deductible Amount,01/01/1995,,',
  '"16","Claim lacks information, or has errors.",01/01/1995,03/01/2024,',
  '42,Charges exceed our fee schedule.,01/01/1995,,2007-10-31',
].join('\r\n');

describe('reading a published code list', () => {
  it('reads a CSV with quoted commas and dates in either form', () => {
    const r = readCodeList(CSV, 'reason');
    expect(r).toEqual({
      ok: true,
      entries: [
        {
          code: '1',
          description: 'Deductible Amount',
          startDate: '1995-01-01',
          lastModified: null,
          stopDate: null,
        },
        {
          code: '16',
          description: 'Claim lacks information, or has errors.',
          startDate: '1995-01-01',
          lastModified: '2024-03-01',
          stopDate: null,
        },
        {
          code: '42',
          description: 'Charges exceed our fee schedule.',
          startDate: '1995-01-01',
          lastModified: null,
          stopDate: '2007-10-31',
        },
      ],
    });
  });

  it('reads a tab-separated file with its columns in another order', () => {
    const r = readCodeList('Stop Date\tCode\tDescription\n\tN4\tMissing prior EOB.\n', 'remark');
    expect(r.ok && r.entries.map((e) => e.code)).toEqual(['N4']);
  });

  it('refuses the whole file, naming each row, when anything is wrong', () => {
    const bad = [
      'Code,Description,Start Date,Stop Date',
      '1,Deductible,01/01/1995,',
      '1,Again,01/01/1995,',
      'N4,A remark,,',
      '7,,13/45/2020,',
      '8,Stops first,2020-01-01,2019-01-01',
    ].join('\n');
    const r = readCodeList(bad, 'reason');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      'Row 3: code 1 is listed again (first in row 2).',
      'Row 4: N4 is a remark code; this is a list of reason codes.',
      'Row 5: code 7 has no description.',
      expect.stringMatching(/^Row 5: the Start Date of 7, "13\/45\/2020", /),
      'Row 6: code 8 stops (2019-01-01) before it starts (2020-01-01).',
    ]);
  });

  it('refuses a file without the Code and Description columns, or without codes', () => {
    const noHeader = readCodeList('1,Deductible\n2,Coinsurance\n', 'reason');
    expect(noHeader.ok || noHeader.problems[0]).toMatch(
      /must name the columns Code and Description/,
    );
    const empty = readCodeList('Code,Description\n', 'reason');
    expect(empty.ok || empty.problems).toEqual(['The file lists no codes.']);
  });
});

const entry = (code: string, description: string, stopDate: string | null = null): CodeEntry => ({
  code,
  description,
  startDate: null,
  lastModified: null,
  stopDate: stopDate ? isoDate(stopDate) : null,
});

describe('comparing a list with the one in effect', () => {
  it('counts added, changed, stopped, unchanged and kept codes', () => {
    const current = new Map([
      ['1', entry('1', 'Deductible')],
      ['2', entry('2', 'Coinsurance')],
      ['3', entry('3', 'Copay')],
      ['4', entry('4', 'Modifier')],
    ]);
    const diff = diffCodeList(current, [
      entry('1', 'Deductible'),
      entry('2', 'Coinsurance amount'),
      entry('3', 'Copay', '2020-01-01'),
      entry('5', 'New one'),
    ]);
    expect(diff).toEqual({
      added: ['5'],
      changed: ['2'],
      stopped: ['3'],
      unchanged: 1,
      notInFile: ['4'],
    });
  });
});

describe('explaining a code', () => {
  it('marks an unknown code and a code stopped before the service date', () => {
    expect(explainCode(undefined, 'reason', '999', null)).toEqual({
      code: '999',
      description: "Reason code 999 (not in ClaimDesk's code table).",
      status: 'unknown',
    });
    const stopped = entry('42', 'Over the fee schedule.', '2007-10-31');
    expect(explainCode(stopped, 'reason', '42', isoDate('2026-01-05')).status).toBe('stopped');
    expect(explainCode(stopped, 'reason', '42', isoDate('2007-10-01')).status).toBe('current');
  });
});
