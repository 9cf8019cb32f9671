import { insertedId, type AccountId } from '../../../shared/ids';
import { createHash } from 'node:crypto';
import type { ParsedInputOf } from '../../../shared/api/contract';
import type { CsvImportReport } from '../../../shared/api/csv';
import type { ImportProblem, ImportReport, ImportStatus } from '../../../shared/api/imports';
import { toCsv, unguardCell } from '../../../shared/csv/write';
import { sumCents } from '../../../shared/money/cents';
import { formatCents } from '../../../shared/money/format';
import { plural } from '../../../shared/text/count';
import type { Ctx } from '../../core/context';
import { progressCounter, SteppedWrite, type Steps } from '../../core/stepped';
import { recordActivity } from '../../activities/record';
import { recordImportedHistory } from '../../statements/stages';
import { insertFollowUp } from '../../followups/store';
import { appendLedgerEntries, type NewLedgerEntry } from '../../ledger/ledger';
import { assessRows, readMappedFile, type AssessedRow } from './assess';
import type { AccountFromRow, AddressFromRow, PersonFromRow } from './rows';
import { one, run } from '../../db/query';

/** Skipped rows named in the report; the count covers them all. */
const SKIPPED_LISTED = 200;
/** Accounts whose opening balances are posted together, between two progress steps. */
const LEDGER_BATCH = 500;
/** Rejected rows quoted in the history's report of a file none of whose rows went in. */
const REJECTED_QUOTED = 10;

/**
 * Writes the accounts of one import. The ledger rows are collected and posted a batch of
 * accounts at a time through appendLedgerEntries, the one way into the ledger, which
 * brings every account's cached balances, aging and queue columns along with it.
 */
class AccountWriter {
  private readonly people = new Map<string, number>();
  private readonly ledger: NewLedgerEntry[] = [];
  private readonly today;
  private readonly now;

  constructor(
    private readonly ctx: Ctx,
    private readonly importId: number,
    private readonly fileName: string,
    private readonly mappingName: string | null,
  ) {
    this.today = ctx.clock.today();
    this.now = ctx.clock.now();
  }

  /**
   * A person, written once per file: two accounts of one patient (same names and date of
   * birth) share the patient. People already in ClaimDesk are never merged with, since a
   * wrong match would mix two people's accounts.
   */
  private person(p: PersonFromRow, address: AddressFromRow | null, key: string | null): number {
    const known = key === null ? undefined : this.people.get(key);
    if (known !== undefined) return known;
    const { db } = this.ctx;
    const id = Number(
      run(
        db,
        `INSERT INTO people (last_name, first_name, date_of_birth, sex, phone, phone_digits, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        p.lastName,
        p.firstName,
        p.dateOfBirth,
        p.sex,
        p.phone,
        p.phoneDigits,
        this.now,
      ).lastInsertRowid,
    );
    if (address) {
      run(
        db,
        `INSERT INTO addresses (person_id, line1, line2, city, state, zip, effective_date, reason,
           recorded_at, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        id,
        address.line1,
        address.line2,
        address.city,
        address.state,
        address.zip,
        this.today,
        `Spreadsheet import ${this.importId}`,
        this.now,
        this.ctx.userId,
      );
    }
    if (key !== null) this.people.set(key, id);
    return id;
  }

  write(a: AccountFromRow): void {
    const { db } = this.ctx;
    const p = a.patient;
    const patientId = this.person(
      p,
      a.address,
      p.dateOfBirth
        ? `P|${p.lastName.toUpperCase()}|${p.firstName.toUpperCase()}|${p.dateOfBirth}`
        : null,
    );
    const g = a.guarantor;
    // one address and phone per row: the household's, so the guarantor's statements reach it
    const guarantorId = g
      ? this.person(
          g,
          a.address,
          a.address
            ? `G|${g.lastName.toUpperCase()}|${g.firstName.toUpperCase()}|${a.address.line1.toUpperCase()}|${a.address.zip}`
            : null,
        )
      : patientId;
    const accountId = insertedId<AccountId>(
      run(
        db,
        `INSERT INTO accounts (account_number, patient_id, guarantor_id, guarantor_relationship,
             service_date, financial_class, status, created_at)
           VALUES (?, ?, ?, ?, ?, ?, 'open', ?)`,
        a.accountNumber,
        patientId,
        guarantorId,
        a.relationship,
        a.serviceDate,
        a.financialClass,
        this.now,
      ),
    );
    if (a.coverage) {
      run(
        db,
        `INSERT INTO coverages (account_id, payer_id, priority, member_id, group_number)
         VALUES (?, ?, 1, ?, ?)`,
        accountId,
        a.coverage.payerId,
        a.coverage.memberId,
        a.coverage.groupNumber,
      );
    }
    const balance = a.insuranceBalance + a.patientBalance;
    if (balance > 0) {
      // an account with money owed and nobody to work it would be lost: it joins the queue
      insertFollowUp(this.ctx, {
        accountId,
        claimId: null,
        kind: 'account',
        dueDate: this.today,
        reason: `Imported with a balance of ${formatCents(sumCents([a.insuranceBalance, a.patientBalance]))}; review the account and work it.`,
      });
    }
    const via = this.mappingName ? `, mapped with "${this.mappingName}"` : '';
    recordActivity(this.ctx, {
      accountId,
      kind: 'system',
      text: `Account imported from the spreadsheet ${this.fileName} (import ${this.importId}, row ${a.rowNumber}${via}) with opening balances: insurance ${formatCents(a.insuranceBalance)}, patient ${formatCents(a.patientBalance)}.`,
    });
    const memo = `Opening balance from spreadsheet import ${this.importId} (${this.fileName})`;
    // dated on the service date, so the balance ages from when it arose, not from today
    if (a.insuranceBalance > 0)
      this.ledger.push({
        accountId,
        kind: 'charge',
        side: 'insurance',
        amount: a.insuranceBalance,
        postingDate: a.serviceDate,
        payerId: a.coverage?.payerId ?? null,
        memo,
      });
    if (a.patientBalance > 0) {
      this.ledger.push({
        accountId,
        kind: 'charge',
        side: 'patient',
        amount: a.patientBalance,
        // from when the patient owed it, when the file says
        postingDate: a.patientSince ?? a.serviceDate,
        memo,
      });
      recordImportedHistory(this.ctx, accountId, guarantorId, {
        patientSince: a.patientSince ?? a.serviceDate,
        statementsSent: a.statementsSent,
      });
    }
  }

  postLedger(): void {
    appendLedgerEntries(this.ctx.db, this.ledger.splice(0), {
      userId: this.ctx.userId,
      now: this.now,
      today: this.today,
    });
  }
}

function statusOf(imported: number, skipped: number, rejected: number): ImportStatus {
  if (imported === 0) return rejected > 0 ? 'rejected' : 'duplicate';
  return skipped + rejected > 0 ? 'partial' : 'posted';
}

/** The rejected rows as the file had them, with what is wrong in an added "Error" column. */
function rejectedFile(headers: readonly string[], rows: readonly AssessedRow[]): string | null {
  const lines = rows.flatMap(({ record, outcome }) => {
    if (outcome.status !== 'invalid') return [];
    // as the file had them; toCsv guards each again, so a guarded cell keeps one quote
    const cells = record.cells.map(unguardCell);
    while (cells.length < headers.length) cells.push('');
    return [[...cells, outcome.problems.join(' ')]];
  });
  if (lines.length === 0) return null;
  return toCsv([[...headers, 'Error'], ...lines], { bom: true });
}

function rejectedName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return `${base || 'import'}-rejected.csv`;
}

/**
 * Opens the accounts of a spreadsheet with their balances, for supervisors. The rows that
 * read cleanly are imported together in one transaction (all of them or none); rows with
 * problems come back as a file to fix and import again; an account number already in
 * ClaimDesk is left alone, so importing the same file twice opens nothing the second
 * time. The import is filed in the import history like any other file.
 */
export function importCsv(
  ctx: Ctx,
  input: ParsedInputOf<'importCsv'>,
): SteppedWrite<CsvImportReport> {
  return new SteppedWrite(importSteps(ctx, input));
}

function* importSteps(ctx: Ctx, input: ParsedInputOf<'importCsv'>): Steps<CsvImportReport> {
  const { db } = ctx;
  yield { label: 'Checking the rows', done: 0, total: 0 };
  const file = readMappedFile(input.text, input.columns);
  const sha256 = createHash('sha256').update(input.text).digest('hex');
  const before = one<{ importedAt: string; fileName: string }>(
    db,
    `SELECT imported_at AS importedAt, file_name AS fileName FROM import_files
         WHERE kind = 'csv' AND sha256 = ? ORDER BY id LIMIT 1`,
    sha256,
  );
  const importId = Number(
    run(
      db,
      `INSERT INTO import_files (kind, file_name, sha256, byte_size, status, summary, report,
             imported_at, imported_by) VALUES ('csv', ?, ?, ?, 'rejected', '', '{}', ?, ?)`,
      input.fileName,
      sha256,
      Buffer.byteLength(input.text),
      ctx.clock.now(),
      ctx.userId,
    ).lastInsertRowid,
  );
  const rows = assessRows(db, ctx.clock.today(), file);
  const writer = new AccountWriter(ctx, importId, input.fileName, input.mappingName);
  const imported: AccountFromRow[] = [];
  const skippedRows: CsvImportReport['skippedRows'] = [];
  let skipped = 0;
  let rejected = 0;
  const next = progressCounter('Rows done', rows.length);
  for (const { record, outcome } of rows) {
    yield next();
    if (outcome.status === 'valid') {
      writer.write(outcome.account);
      imported.push(outcome.account);
      if (imported.length % LEDGER_BATCH === 0) writer.postLedger();
    } else if (outcome.status === 'skip') {
      skipped += 1;
      if (skippedRows.length < SKIPPED_LISTED)
        skippedRows.push({ rowNumber: record.rowNumber, accountNumber: outcome.accountNumber });
    } else {
      rejected += 1;
    }
  }
  writer.postLedger();

  const insuranceTotal = sumCents(imported.map((a) => a.insuranceBalance));
  const patientTotal = sumCents(imported.map((a) => a.patientBalance));
  const status = statusOf(imported.length, skipped, rejected);
  const summary = [
    `${plural(imported.length, 'account')} imported` +
      (imported.length > 0
        ? ` (${formatCents(insuranceTotal)} insurance, ${formatCents(patientTotal)} patient)`
        : ''),
    ...(skipped > 0 ? [`${plural(skipped, 'row')} skipped (already in ClaimDesk)`] : []),
    ...(rejected > 0 ? [`${plural(rejected, 'row')} rejected`] : []),
  ].join(', ');

  const quoted: ImportProblem[] =
    status === 'rejected'
      ? rows
          .flatMap(({ record, outcome }) =>
            outcome.status === 'invalid'
              ? [
                  {
                    message: `Row ${record.rowNumber}: ${outcome.problems.join(' ')}`,
                    segmentId: null,
                    segmentIndex: null,
                  },
                ]
              : [],
          )
          .slice(0, REJECTED_QUOTED)
      : [];
  // filed in the shape every import report has, so the history can open it
  const stored: ImportReport = {
    importId,
    kind: 'csv',
    fileName: input.fileName,
    status,
    summary,
    rejected: quoted,
    warnings: [],
    remittances: [],
    claimStatus: null,
  };
  run(
    db,
    `UPDATE import_files SET status = ?, summary = ?, report = ? WHERE id = ?`,
    status,
    summary,
    JSON.stringify(stored),
    importId,
  );
  const rejectedCsv = rejectedFile(file.table.headers, rows);
  return {
    importId,
    fileName: input.fileName,
    status,
    summary,
    imported: imported.length,
    skipped,
    rejected,
    insuranceTotal,
    patientTotal,
    skippedRows,
    rejectedCsv,
    rejectedFileName: rejectedCsv === null ? null : rejectedName(input.fileName),
    importedBefore: before ?? null,
  };
}
