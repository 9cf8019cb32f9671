import type { AccountId, ClaimId, DenialId } from '../../shared/ids';
import type { ParsedInputOf } from '../../shared/api/contract';
import type { DocumentKind, DocumentView } from '../../shared/api/documents';
import { notFound } from '../../shared/api/errors';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { ReadCtx } from '../core/context';
import { requireAccount } from '../accounts/lookup';
import type { Db, ReadDb } from '../db/open';
import { all, one } from '../db/query';

type Row = Omit<DocumentView, 'warnings'> & { warnings: string };

const VIEW_SQL = `SELECT d.id AS documentId, d.kind, d.title, d.account_id AS accountId,
    d.claim_id AS claimId, d.denial_id AS denialId, d.template_id AS templateId, d.pages,
    d.created_at AS createdAt, cu.display_name AS createdBy, d.sent_date AS sentDate,
    su.display_name AS sentBy, d.warnings, d.removed_at AS removedAt
  FROM documents d JOIN users cu ON cu.id = d.created_by LEFT JOIN users su ON su.id = d.sent_by`;

function toView(row: Row): DocumentView {
  return { ...row, warnings: JSON.parse(row.warnings) as string[] };
}

export function documentView(db: Db, documentId: number): DocumentView {
  const row = one<Row>(db, `${VIEW_SQL} WHERE d.id = ?`, documentId);
  if (!row) throw notFound('The document');
  return toView(row);
}

/** The account's documents, newest first, for the account view. */
export function listAccountDocuments(
  ctx: ReadCtx,
  input: ParsedInputOf<'listAccountDocuments'>,
): DocumentView[] {
  requireAccount(ctx.db, input.accountId);
  const rows = all<Row>(
    ctx.db,
    `${VIEW_SQL} WHERE d.account_id = ? ORDER BY d.created_at DESC, d.id DESC`,
    input.accountId,
  );
  return rows.map(toView);
}

/** What the store knows about a filed document beyond its view. */
export interface FiledDocument {
  id: number;
  kind: DocumentKind;
  title: string;
  accountId: AccountId | null;
  accountNumber: string | null;
  claimId: ClaimId | null;
  denialId: DenialId | null;
  templateId: string | null;
  documentDate: IsoDate;
  /** The folder beside the database it was filed in (its own, or the shared one of old). */
  folder: string;
  fileName: string;
  sha256: string;
  pages: number;
  warnings: string;
  sentDate: IsoDate | null;
  sentBy: string | null;
  removedAt: string | null;
}

export function filedDocument(db: ReadDb, documentId: number): FiledDocument {
  const row = one<FiledDocument>(
    db,
    `SELECT d.id, d.kind, d.title, d.account_id AS accountId, a.account_number AS accountNumber,
         d.claim_id AS claimId, d.denial_id AS denialId, d.template_id AS templateId,
         d.document_date AS documentDate, d.folder, d.file_name AS fileName, d.sha256, d.pages, d.warnings,
         d.sent_date AS sentDate, su.display_name AS sentBy, d.removed_at AS removedAt
       FROM documents d LEFT JOIN accounts a ON a.id = d.account_id
       LEFT JOIN users su ON su.id = d.sent_by
       WHERE d.id = ?`,
    documentId,
  );
  if (!row) throw notFound('The document');
  return row;
}
