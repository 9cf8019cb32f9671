import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAccount } from '../../testing/builders';
import { call, expectRefused } from '../../testing/call';
import { tableCounts, type TestCtx } from '../../testing/test-db';
import { COLUMNS, HEADERS, sheet, type SheetRow } from '../../testing/csv-sheet';
import { csvImportSetup, type CsvImportSetup } from '../../testing/csv-import';

let ctx: TestCtx;
let payerCode: string;
let row: CsvImportSetup['row'];
beforeEach(() => ({ ctx, payerCode, row } = csvImportSetup()));
afterEach(() => ctx.close());

/** One bad row of each kind, with what the preview must say about it. */
const BAD_ROWS: [string, Partial<SheetRow>, RegExp][] = [
  [
    'a missing account number',
    { 'Acct #': '' },
    /^Account number \(column "Acct #"\) is missing\.$/,
  ],
  [
    'a missing last name',
    { 'Last Name': ' ' },
    /Patient last name \(column "Last Name"\) is missing/,
  ],
  [
    'a day written before the month',
    { DOS: '31/12/2025' },
    /"31\/12\/2025" puts the day before the month/,
  ],
  ['a two-digit year', { DOB: '4/12/61' }, /"4\/12\/61" has a two-digit year/],
  ['an impossible date', { DOS: '02/30/2026' }, /"02\/30\/2026" is not a real calendar date/],
  [
    'a service date in the future',
    { DOS: '03/17/2026' },
    /Service date \(column "DOS"\) 03\/17\/2026 is in the future/,
  ],
  ['a birth date in the future', { DOB: '2027-01-01' }, /01\/01\/2027 is in the future/],
  ['a spreadsheet date number', { DOS: '46037' }, /spreadsheet's date number/],
  [
    'fractions of a cent',
    { 'Pt Balance': '12.345' },
    /"12\.345" is not an amount in dollars and cents/,
  ],
  ['an amount that is not one', { 'Ins Balance': 'twelve' }, /"twelve" is not an amount/],
  ['a credit balance', { 'Pt Balance': '(12.00)' }, /-\$12\.00 is a credit/],
  [
    'no balance at all',
    { 'Ins Balance': '', 'Pt Balance': '' },
    /^No balance: fill Insurance balance .* or Patient balance/,
  ],
  [
    'an unknown payer',
    { Payer: 'NOPE' },
    /Payer code \(column "Payer"\) "NOPE" is not a payer in ClaimDesk/,
  ],
  ['a payer without a member ID', { 'Member ID': '' }, /Member ID is missing for payer/],
  [
    'a member ID without a payer',
    { Payer: '', 'Ins Balance': '0' },
    /Payer code \(column "Payer"\) is missing for the member ID/,
  ],
  [
    'an insurance balance nobody owes',
    { Payer: '', 'Member ID': '', Group: '' },
    /owed by insurance, but no payer is given/,
  ],
  [
    'a state that is not a postal code',
    { State: 'Illinois' },
    /"Illinois" is not a two-letter postal code/,
  ],
  ['a ZIP code that lost its leading zero', { ZIP: '2134' }, /"2134" has lost its leading zero/],
  ['a phone number too short', { Phone: '555-0134' }, /"555-0134" is not a 10-digit phone number/],
  ['a sex that is not F, M or U', { Sex: 'Q' }, /"Q" is not F, M or U/],
  ['an address without its city', { City: '' }, /City is missing/],
  [
    'an unknown relationship',
    { 'Guarantor Last': 'Okafor', 'Guarantor First': 'Ben', Relationship: 'Aunt' },
    /"Aunt" is not one of Self, Spouse, Parent, Child or Other/,
  ],
  [
    'a guarantor named only in part',
    { 'Guarantor Last': 'Okafor' },
    /Guarantor first name .* is missing/,
  ],
  [
    'a relationship with nobody named',
    { Relationship: 'Spouse' },
    /says Spouse, but no guarantor is named/,
  ],
  ['an unknown financial class', { 'Fin Class': 'HMO' }, /"HMO" is not one of Medicare, Medicaid/],
  [
    'a date of birth after the service date',
    { DOB: '02/01/2026' },
    /02\/01\/2026 is after the service date 01\/15\/2026/,
  ],
  ['an account number too long', { 'Acct #': 'A'.repeat(31) }, /longer than 30 characters/],
];

describe('previewing a spreadsheet import', () => {
  it('flags each kind of bad row with its reason and counts the whole file', () => {
    addAccount(ctx, { number: 'EXISTS-1' });
    const rows = [
      row('GOOD-1'),
      ...BAD_ROWS.map(([, over], i) => row(`BAD-${i}`, over)),
      row('DUP-1'),
      row('DUP-1', { 'First Name': 'Gracie' }),
      row('EXISTS-1'),
    ];
    const text = `${sheet(rows)}GOOD-2,Too,Many,Cells,${'x,'.repeat(HEADERS.length)}\r\n`;
    const before = tableCounts(ctx);
    const preview = call(ctx, 'previewCsvImport', {
      fileName: 'accounts.csv',
      text,
      columns: COLUMNS,
      rows: 200,
    });
    expect(tableCounts(ctx)).toEqual(before);
    expect(preview.headers).toEqual([...HEADERS]);
    expect(preview).toMatchObject({
      rowCount: rows.length + 1,
      validCount: 1,
      invalidCount: BAD_ROWS.length + 3,
      skipCount: 1,
      insuranceTotal: 123450,
      patientTotal: 8000,
    });
    const byAccount = new Map(preview.rows.map((r) => [r.cells.accountNumber, r]));
    expect(byAccount.get('GOOD-1')).toMatchObject({
      rowNumber: 2,
      status: 'valid',
      problems: [],
      reading: {
        accountNumber: 'GOOD-1',
        patientName: 'Okafor, Grace',
        dateOfBirth: '1961-04-12',
        serviceDate: '2026-01-15',
        payerCode,
        insuranceBalance: 123450,
        patientBalance: 8000,
      },
    });
    BAD_ROWS.forEach(([what, over, message], i) => {
      const r = preview.rows[i + 1];
      expect(r?.status, what).toBe('invalid');
      expect(r?.reading, what).toBeNull();
      expect(r?.problems, what).toContainEqual(expect.stringMatching(message));
      if (over['Acct #'] === undefined) expect(r?.problems, what).toHaveLength(1);
    });
    const dup = preview.rows.filter((r) => r.cells.accountNumber === 'DUP-1');
    expect(dup.map((r) => r.problems)).toEqual([
      [
        `Account number DUP-1 is on rows ${BAD_ROWS.length + 3} and ${BAD_ROWS.length + 4} of this file; keep one row per account.`,
      ],
      [
        `Account number DUP-1 is on rows ${BAD_ROWS.length + 3} and ${BAD_ROWS.length + 4} of this file; keep one row per account.`,
      ],
    ]);
    expect(byAccount.get('EXISTS-1')).toMatchObject({
      status: 'skip',
      problems: ['Account EXISTS-1 is already in ClaimDesk; post changes as transactions.'],
    });
    expect(preview.rows.at(-1)?.problems).toEqual([
      `The row has ${HEADERS.length + 5} values but the header names ${HEADERS.length} columns; a value with a comma in it needs quotes around it.`,
    ]);
  });

  it('shows the first rows, and the rows with problems from anywhere in the file', () => {
    const rows = Array.from({ length: 60 }, (_, i) =>
      row(`R-${i}`, i === 45 ? { DOS: '13/01/2026' } : {}),
    );
    const preview = call(ctx, 'previewCsvImport', {
      fileName: 'a.csv',
      text: sheet(rows),
      columns: COLUMNS,
    });
    expect(preview.rows.map((r) => r.rowNumber)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 2),
    );
    expect(preview.problemRows.map((r) => r.rowNumber)).toEqual([47]);
    expect(preview).toMatchObject({ rowCount: 60, validCount: 59, invalidCount: 1 });
  });

  it('is open to every user, who are told only a supervisor imports', () => {
    ctx.db.prepare(`UPDATE users SET role = 'representative'`).run();
    const preview = call(ctx, 'previewCsvImport', {
      fileName: 'a.csv',
      text: sheet([row('A-1')]),
      columns: COLUMNS,
    });
    expect(preview.validCount).toBe(1);
    expect(call(ctx, 'listCsvMappings', {}).canImport).toBe(false);
  });

  it('refuses a mapping that leaves a required field without a column, or names a column the file lacks', () => {
    const text = sheet([row('A-1')]);
    const { serviceDate: _s, patientLastName: _l, ...partial } = COLUMNS;
    expectRefused(
      ctx,
      'previewCsvImport',
      { fileName: 'a.csv', text, columns: partial },
      /Choose the column for each required field: Service date, Patient last name\./,
    );
    expectRefused(
      ctx,
      'importCsv',
      { fileName: 'a.csv', text, columns: partial },
      /Service date, Patient last name/,
    );
    const { insuranceBalance: _i, patientBalance: _p, ...noBalance } = COLUMNS;
    expectRefused(
      ctx,
      'importCsv',
      { fileName: 'a.csv', text, columns: noBalance },
      /Choose the column for Insurance balance, Patient balance or both\./,
    );
    expectRefused(
      ctx,
      'importCsv',
      { fileName: 'a.csv', text, columns: { ...COLUMNS, serviceDate: 'Date of Service' } },
      /Service date is mapped to the column "Date of Service", which this file does not have\./,
    );
    expectRefused(
      ctx,
      'importCsv',
      { fileName: 'a.csv', text: `${HEADERS.join(',')}\r\n`, columns: COLUMNS },
      /no rows under it/,
    );
    expectRefused(
      ctx,
      'importCsv',
      { fileName: 'a.csv', text: `${HEADERS.join(',')}\r\nA,"Okafor\r\n`, columns: COLUMNS },
      /Row 2 has a value that opens a quote/,
    );
    expectRefused(
      ctx,
      'importCsv',
      { fileName: 'a.csv', text, columns: { ...COLUMNS, nickname: 'Last Name' } },
      /names a field ClaimDesk does not have/,
    );
  });
});
