import { notFound } from '../../shared/api/errors';
import type { ReadDb } from '../db/open';
import { all, one } from '../db/query';

export interface CopyRow {
  id: number;
  templateId: string;
  name: string;
  text: string;
  valid: number;
  updatedAt: string;
  updatedBy: string;
  inUse: number;
}

const COPY_SQL = `SELECT c.id, c.template_id AS templateId, c.name, c.text, c.valid,
    c.updated_at AS updatedAt, u.display_name AS updatedBy,
    (iu.copy_id IS NOT NULL) AS inUse
  FROM template_copies c JOIN users u ON u.id = c.updated_by
  LEFT JOIN template_in_use iu ON iu.copy_id = c.id`;

export function loadCopy(db: ReadDb, copyId: number): CopyRow {
  const row = one<CopyRow>(db, `${COPY_SQL} WHERE c.id = ?`, copyId);
  if (!row) throw notFound('The template copy');
  return row;
}

export function allCopies(db: ReadDb): CopyRow[] {
  return all<CopyRow>(db, `${COPY_SQL} ORDER BY c.template_id, c.id`);
}

/** The copy in use for each template that has one. */
export function copiesInUse(db: ReadDb): Map<string, { id: number; text: string }> {
  const rows = all<{ templateId: string; id: number; text: string }>(
    db,
    `SELECT iu.template_id AS templateId, c.id, c.text FROM template_in_use iu
       JOIN template_copies c ON c.id = iu.copy_id`,
  );
  return new Map(rows.map((r) => [r.templateId, { id: r.id, text: r.text }]));
}
