import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, expectRefused } from '../../testing/call';
import type { TestCtx } from '../../testing/test-db';
import { COLUMNS } from '../../testing/csv-sheet';
import { csvImportSetup } from '../../testing/csv-import';

let ctx: TestCtx;
beforeEach(() => ({ ctx } = csvImportSetup()));
afterEach(() => ctx.close());

describe('saved mappings', () => {
  it('are saved by name, replaced under the same name, and deleted, by a supervisor', () => {
    const saved = call(ctx, 'saveCsvMapping', { name: 'Legacy export', columns: COLUMNS });
    expect(saved.canImport).toBe(true);
    expect(saved.mappings).toMatchObject([
      { name: 'Legacy export', columns: COLUMNS, updatedBy: 'Rita Representative' },
    ]);
    const replaced = call(ctx, 'saveCsvMapping', {
      name: ' LEGACY EXPORT ',
      columns: { accountNumber: 'Account' },
    });
    expect(replaced.mappings).toMatchObject([
      { id: saved.mappings[0]?.id, name: 'LEGACY EXPORT', columns: { accountNumber: 'Account' } },
    ]);
    call(ctx, 'saveCsvMapping', { name: 'Another', columns: {} });
    expect(call(ctx, 'listCsvMappings', {}).mappings.map((m) => m.name)).toEqual([
      'Another',
      'LEGACY EXPORT',
    ]);
    const left = call(ctx, 'deleteCsvMapping', { mappingId: saved.mappings[0]?.id ?? 0 });
    expect(left.mappings.map((m) => m.name)).toEqual(['Another']);
    expectRefused(ctx, 'deleteCsvMapping', { mappingId: 999 }, /The mapping was not found/);
  });

  it('are only saved or deleted by a supervisor', () => {
    const { mappings } = call(ctx, 'saveCsvMapping', { name: 'Legacy', columns: COLUMNS });
    ctx.db.prepare(`UPDATE users SET role = 'representative'`).run();
    expectRefused(
      ctx,
      'saveCsvMapping',
      { name: 'Mine', columns: COLUMNS },
      /Only a supervisor can save a spreadsheet mapping\./,
    );
    expectRefused(
      ctx,
      'deleteCsvMapping',
      { mappingId: mappings[0]?.id },
      /Only a supervisor can delete a spreadsheet mapping\./,
    );
    expect(call(ctx, 'listCsvMappings', {}).mappings).toHaveLength(1);
  });

  it('read back only the fields this version knows', () => {
    ctx.db
      .prepare(
        `INSERT INTO csv_mappings (name, columns, created_at, created_by, updated_at, updated_by)
         VALUES ('Old', '{"accountNumber":"Acct","retiredField":"X","city":7}', 't', ?, 't', ?)`,
      )
      .run(ctx.userId, ctx.userId);
    expect(call(ctx, 'listCsvMappings', {}).mappings[0]?.columns).toEqual({
      accountNumber: 'Acct',
    });
  });
});
