import type { AccountId } from '../../../shared/ids';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CsvImportReport } from '../../../shared/api/csv';
import { readCsv } from '../../../shared/csv/read';
import { toCsv, unguardCell } from '../../../shared/csv/write';
import { accountAging } from '../../ledger/ledger';
import { addAccount } from '../../testing/builders';
import { call, expectRefused } from '../../testing/call';
import { rowCount, staleQueueColumns, type TestCtx } from '../../testing/test-db';
import { COLUMNS, HEADERS, sheet } from '../../testing/csv-sheet';
import { csvImportSetup, type CsvImportSetup } from '../../testing/csv-import';

let ctx: TestCtx;
let payerId: number;
let payerCode: string;
let row: CsvImportSetup['row'];
beforeEach(() => ({ ctx, payerId, payerCode, row } = csvImportSetup()));
afterEach(() => ctx.close());

/** The rows of a rejected-rows file, as header → cell. */
function rejectedRows(report: CsvImportReport): Record<string, string>[] {
  const reading = readCsv(report.rejectedCsv ?? '');
  if (!reading.ok) throw new Error(reading.problem);
  const { headers, rows } = reading.table;
  return rows.map((r) =>
    Object.fromEntries(headers.map((h, i) => [h, unguardCell(r.cells[i] ?? '')])),
  );
}

describe('importing a spreadsheet of accounts', () => {
  it('opens the valid rows with their balances in the ledger, and hands back the rejected rows', () => {
    addAccount(ctx, { number: 'OLD-1' });
    const text = sheet([
      row('NEW-1'),
      row('NEW-2', {
        'Last Name': 'Baker',
        'First Name': 'Tom',
        'Guarantor Last': 'Baker',
        'Guarantor First': 'Ann',
        Relationship: 'parent',
        DOB: '2015-06-01',
        Sex: 'male',
        Phone: '+1 217 555 0199',
        ZIP: '627041234',
        Payer: '',
        'Member ID': '',
        Group: '',
        'Fin Class': '',
        'Ins Balance': '',
        'Pt Balance': '(0.00)',
      }),
      row('BAD-1', { DOS: '31/01/2026', 'Last Name': 'Smith, Jr' }),
      row('OLD-1'),
    ]);
    const ledgerBefore = rowCount(ctx, 'ledger_entries');
    const report = call(ctx, 'importCsv', {
      fileName: 'legacy accounts.csv',
      text,
      columns: COLUMNS,
      mappingName: 'Legacy export',
    });
    expect(report).toMatchObject({
      status: 'partial',
      imported: 2,
      skipped: 1,
      rejected: 1,
      insuranceTotal: 123450,
      patientTotal: 8000,
      skippedRows: [{ rowNumber: 5, accountNumber: 'OLD-1' }],
      rejectedFileName: 'legacy accounts-rejected.csv',
      importedBefore: null,
      summary:
        '2 accounts imported ($1,234.50 insurance, $80.00 patient), 1 row skipped (already in ClaimDesk), 1 row rejected',
    });

    // the rejected row, as the file had it, with why
    expect(report.rejectedCsv?.startsWith('\uFEFF')).toBe(true);
    const rejected = rejectedRows(report);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({
      'Acct #': 'BAD-1',
      'Last Name': 'Smith, Jr',
      DOS: '31/01/2026',
    });
    expect(rejected[0]?.Error).toMatch(
      /^Service date \(column "DOS"\) "31\/01\/2026" puts the day before the month/,
    );

    // the first account: patient, address, coverage, both sides charged on the service date
    const one = ctx.db
      .prepare(
        `SELECT a.id, a.patient_id = a.guarantor_id AS selfPay, a.guarantor_relationship AS rel,
           a.service_date AS serviceDate, a.financial_class AS fc, a.status,
           a.insurance_balance AS ins, a.patient_balance AS pat, a.oldest_open_date AS oldest,
           p.last_name AS last, p.first_name AS first, p.date_of_birth AS dob, p.sex,
           p.phone, p.phone_digits AS digits
         FROM accounts a JOIN people p ON p.id = a.patient_id WHERE a.account_number = 'NEW-1'`,
      )
      .get() as Record<string, unknown> & { id: AccountId };
    expect(one).toMatchObject({
      selfPay: 1,
      rel: 'self',
      serviceDate: '2026-01-15',
      fc: 'commercial',
      status: 'open',
      ins: 123450,
      pat: 8000,
      oldest: '2026-01-15',
      last: 'Okafor',
      first: 'Grace',
      dob: '1961-04-12',
      sex: 'F',
      phone: '(217) 555-0134',
      digits: '2175550134',
    });
    expect(
      ctx.db
        .prepare(
          `SELECT kind, side, amount, posting_date AS postingDate, payer_id AS payerId, memo
           FROM ledger_entries WHERE account_id = ? ORDER BY side`,
        )
        .all(one.id),
    ).toEqual([
      {
        kind: 'charge',
        side: 'insurance',
        amount: 123450,
        postingDate: '2026-01-15',
        payerId,
        memo: `Opening balance from spreadsheet import ${report.importId} (legacy accounts.csv)`,
      },
      {
        kind: 'charge',
        side: 'patient',
        amount: 8000,
        postingDate: '2026-01-15',
        payerId: null,
        memo: `Opening balance from spreadsheet import ${report.importId} (legacy accounts.csv)`,
      },
    ]);
    // the cached balances are what the ledger says, and the queue shows the account
    const aging = accountAging(ctx.db, one.id, ctx.clock.today());
    expect([aging.insuranceBalance, aging.patientBalance]).toEqual([one.ins, one.pat]);
    expect(staleQueueColumns(ctx, one.id)).toBe(0);
    const queue = call(ctx, 'listQueue', {});
    expect(queue.rows.filter((r) => r.accountNumber === 'NEW-1')).toMatchObject([
      { kind: 'account', balance: 131450, payerName: 'Acme Health', dueDate: ctx.clock.today() },
    ]);
    const account = call(ctx, 'getAccount', { accountId: one.id });
    expect(account.coverages).toMatchObject([
      { priority: 1, payerId, memberId: 'XJ44120', groupNumber: 'G-100' },
    ]);
    expect(account.patient.address).toMatchObject({
      line1: '12 Elm St',
      city: 'Springfield',
      state: 'IL',
      zip: '62704',
    });
    expect(account.activities.map((a) => a.text)).toContain(
      `Account imported from the spreadsheet legacy accounts.csv (import ${report.importId}, row 2, mapped with "Legacy export") with opening balances: insurance $1,234.50, patient $80.00.`,
    );

    // the second: a child with a parent as guarantor, no insurance, nothing owed
    const two = ctx.db
      .prepare(
        `SELECT a.id, a.guarantor_relationship AS rel, a.financial_class AS fc,
           a.insurance_balance + a.patient_balance AS balance,
           g.first_name || ' ' || g.last_name AS guarantor, p.sex, p.phone, g.phone AS gphone,
           (SELECT zip FROM addresses WHERE person_id = g.id) AS gzip
         FROM accounts a JOIN people p ON p.id = a.patient_id JOIN people g ON g.id = a.guarantor_id
         WHERE a.account_number = 'NEW-2'`,
      )
      .get() as Record<string, unknown> & { id: number };
    expect(two).toMatchObject({
      rel: 'parent',
      fc: 'self_pay',
      balance: 0,
      guarantor: 'Ann Baker',
      sex: 'M',
      phone: '(217) 555-0199',
      gphone: '(217) 555-0199',
      gzip: '62704-1234',
    });
    expect(rowCount(ctx, 'ledger_entries')).toBe(ledgerBefore + 2);
    expect(
      ctx.db.prepare(`SELECT count(*) AS n FROM follow_ups WHERE account_id = ?`).get(two.id),
    ).toEqual({ n: 0 });

    // the skipped account was not touched
    expect(
      ctx.db
        .prepare(
          `SELECT insurance_balance + patient_balance AS b FROM accounts WHERE account_number = 'OLD-1'`,
        )
        .get(),
    ).toEqual({ b: 0 });

    // filed in the import history, and its report opens from there
    expect(call(ctx, 'listImports', {})).toMatchObject([
      {
        id: report.importId,
        kind: 'csv',
        fileName: 'legacy accounts.csv',
        status: 'partial',
        summary: report.summary,
      },
    ]);
    expect(call(ctx, 'getImport', { importId: report.importId })).toEqual({
      importId: report.importId,
      kind: 'csv',
      fileName: 'legacy accounts.csv',
      status: 'partial',
      summary: report.summary,
      rejected: [],
      warnings: [],
      remittances: [],
      claimStatus: null,
    });
  });

  it('reads money exactly, whichever way the spreadsheet wrote it', () => {
    const amounts = ['1,234.50', '$1234.5', '0.10', '$ 99,999.99', '.07', '12'];
    const text = sheet(
      amounts.map((a, i) => row(`M-${i}`, { 'Pt Balance': a, 'Ins Balance': '0' })),
    );
    call(ctx, 'importCsv', { fileName: 'money.csv', text, columns: COLUMNS });
    const balances = ctx.db
      .prepare(
        `SELECT patient_balance AS b FROM accounts WHERE account_number LIKE 'M-%' ORDER BY id`,
      )
      .all()
      .map((r) => (r as { b: number }).b);
    expect(balances).toEqual([123450, 123450, 10, 9999999, 7, 1200]);
  });

  it('finds the payer whatever the case of its code, and takes its financial class when none is given', () => {
    call(ctx, 'importCsv', {
      fileName: 'a.csv',
      text: sheet([row('A-1', { Payer: payerCode.toLowerCase(), 'Fin Class': '' })]),
      columns: COLUMNS,
    });
    expect(
      ctx.db
        .prepare(
          `SELECT a.financial_class AS fc, c.payer_id AS payerId FROM accounts a
           JOIN coverages c ON c.account_id = a.id`,
        )
        .get(),
    ).toEqual({ fc: 'commercial', payerId });
  });

  it('importing the same file again opens nothing and says when it came in before', () => {
    const text = sheet([row('A-1'), row('A-2')]);
    const first = call(ctx, 'importCsv', { fileName: 'a.csv', text, columns: COLUMNS });
    expect(first).toMatchObject({ status: 'posted', imported: 2, rejectedCsv: null });
    const ledger = rowCount(ctx, 'ledger_entries');
    const again = call(ctx, 'importCsv', { fileName: 'a copy.csv', text, columns: COLUMNS });
    expect(again).toMatchObject({
      status: 'duplicate',
      imported: 0,
      skipped: 2,
      importedBefore: { fileName: 'a.csv', importedAt: ctx.clock.now() },
      summary: '0 accounts imported, 2 rows skipped (already in ClaimDesk)',
    });
    expect(rowCount(ctx, 'ledger_entries')).toBe(ledger);
    expect(rowCount(ctx, 'accounts')).toBe(2);
  });

  it('imports the rejected rows once they are fixed', () => {
    const report = call(ctx, 'importCsv', {
      fileName: 'june.csv',
      text: sheet([row('A-1'), row('A-2', { 'Ins Balance': '=1+2' }), row('A-3', { ZIP: '627' })]),
      columns: COLUMNS,
    });
    expect(report).toMatchObject({ imported: 1, rejected: 2 });
    // as a person would in the spreadsheet: correct the cells, save the same file
    const reading = readCsv(report.rejectedCsv ?? '');
    if (!reading.ok) throw new Error(reading.problem);
    expect(reading.table.rows[0]?.cells[HEADERS.indexOf('Ins Balance')]).toBe("'=1+2");
    const fixed = reading.table.rows.map((r) => {
      const cells = [...r.cells];
      if (cells[0] === 'A-2') cells[HEADERS.indexOf('Ins Balance')] = '3.00';
      if (cells[0] === 'A-3') cells[HEADERS.indexOf('ZIP')] = '62704';
      return cells;
    });
    const text = toCsv([reading.table.headers, ...fixed.map((cells) => cells.map(unguardCell))]);
    const again = call(ctx, 'importCsv', { fileName: 'june-rejected.csv', text, columns: COLUMNS });
    expect(again).toMatchObject({ status: 'posted', imported: 2, rejected: 0 });
  });

  it('shares one patient between two accounts of the same person in a file', () => {
    call(ctx, 'importCsv', {
      fileName: 'a.csv',
      text: sheet([row('A-1'), row('A-2', { DOS: '02/01/2026' }), row('A-3', { DOB: '' })]),
      columns: COLUMNS,
    });
    const patients = ctx.db
      .prepare(`SELECT patient_id AS p FROM accounts ORDER BY account_number`)
      .all() as { p: number }[];
    expect(patients[0]?.p).toBe(patients[1]?.p);
    // without a date of birth nobody can tell it is the same person
    expect(patients[2]?.p).not.toBe(patients[0]?.p);
  });

  it('posts nothing at all when writing one of the accepted rows fails', () => {
    ctx.db.exec(`CREATE TEMP TRIGGER refuse_one BEFORE INSERT ON accounts
      WHEN NEW.account_number = 'A-3' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expectRefused(
      ctx,
      'importCsv',
      { fileName: 'a.csv', text: sheet([row('A-1'), row('A-2'), row('A-3')]), columns: COLUMNS },
      /could not complete that\. Nothing was saved/,
    );
  });

  it('only lets a supervisor import', () => {
    ctx.db.prepare(`UPDATE users SET role = 'representative'`).run();
    expectRefused(
      ctx,
      'importCsv',
      { fileName: 'a.csv', text: sheet([row('A-1')]), columns: COLUMNS },
      /Only a supervisor can import accounts from a spreadsheet\./,
    );
  });

  it('files a file none of whose rows could be imported as rejected, quoting the rows', () => {
    const report = call(ctx, 'importCsv', {
      fileName: 'bad.csv',
      text: sheet([row('A-1', { DOS: '' })]),
      columns: COLUMNS,
    });
    expect(report).toMatchObject({ status: 'rejected', imported: 0, rejected: 1 });
    expect(call(ctx, 'getImport', { importId: report.importId }).rejected).toEqual([
      {
        message: 'Row 2: Service date (column "DOS") is missing.',
        segmentId: null,
        segmentIndex: null,
      },
    ]);
  });
});
