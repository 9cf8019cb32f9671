import type { ParsedInputOf } from '../../../shared/api/contract';
import type { CsvMapping, CsvMappingList } from '../../../shared/api/csv';
import { notFound } from '../../../shared/api/errors';
import { CSV_FIELD_KEYS, type CsvColumns } from '../../../shared/csv/account-fields';
import type { Ctx, ReadCtx } from '../../core/context';
import { isSupervisor } from '../../users/users';
import { all, run } from '../../db/query';

interface MappingRow {
  id: number;
  name: string;
  columns: string;
  updatedAt: string;
  updatedBy: string;
}

/** Stored columns, keeping only fields this version knows (a field may be retired later). */
function columnsOf(json: string): CsvColumns {
  const stored = JSON.parse(json) as Record<string, unknown>;
  const out: CsvColumns = {};
  for (const key of CSV_FIELD_KEYS) {
    const header = stored[key];
    if (typeof header === 'string' && header !== '') out[key] = header;
  }
  return out;
}

/** The saved mappings, by name; everyone may use one to preview a file. */
export function listCsvMappings(ctx: ReadCtx): CsvMappingList {
  const rows = all<MappingRow>(
    ctx.db,
    `SELECT m.id, m.name, m.columns, m.updated_at AS updatedAt, u.display_name AS updatedBy
       FROM csv_mappings m JOIN users u ON u.id = m.updated_by
       ORDER BY m.name COLLATE NOCASE`,
  );
  return {
    mappings: rows.map((r): CsvMapping => ({ ...r, columns: columnsOf(r.columns) })),
    canImport: isSupervisor(ctx.db, ctx.userId),
  };
}

/** Saves a mapping under its name; a mapping of the same name (any case) is replaced. */
export function saveCsvMapping(ctx: Ctx, input: ParsedInputOf<'saveCsvMapping'>): CsvMappingList {
  const now = ctx.clock.now();
  run(
    ctx.db,
    `INSERT INTO csv_mappings (name, columns, created_at, created_by, updated_at, updated_by)
         VALUES (@name, @columns, @now, @user, @now, @user)
         ON CONFLICT (name) DO UPDATE SET name = excluded.name, columns = excluded.columns,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    { name: input.name, columns: JSON.stringify(input.columns), now, user: ctx.userId },
  );
  return listCsvMappings(ctx);
}

export function deleteCsvMapping(
  ctx: Ctx,
  input: ParsedInputOf<'deleteCsvMapping'>,
): CsvMappingList {
  const result = run(ctx.db, `DELETE FROM csv_mappings WHERE id = ?`, input.mappingId);
  if (result.changes === 0) throw notFound('The mapping');
  return listCsvMappings(ctx);
}
