import { oneOrThrow } from '../db/query';
import { addPayer, makeSupervisor } from './builders';
import { sheetRow, type SheetRow } from './csv-sheet';
import { createTestCtx, type TestCtx } from './test-db';

export interface CsvImportSetup {
  ctx: TestCtx;
  payerId: number;
  payerCode: string;
  /** a spreadsheet row billed to the payer */
  row: (n: string, over?: Partial<SheetRow>) => SheetRow;
}

/** A fresh database with one payer, signed in as a supervisor, as the spreadsheet import tests start. */
export function csvImportSetup(): CsvImportSetup {
  const ctx = createTestCtx();
  const payerId = addPayer(ctx, { name: 'Acme Health' });
  const payerCode = oneOrThrow<{ code: string }>(
    ctx.db,
    `SELECT payer_code AS code FROM payers WHERE id = ?`,
    payerId,
  ).code;
  makeSupervisor(ctx);
  const row = (n: string, over: Partial<SheetRow> = {}) => sheetRow(n, payerCode, over);
  return { ctx, payerId, payerCode, row };
}
