import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentKind } from '../../shared/api/documents';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { Ctx } from '../core/context';
import { inWriteTransaction } from '../upkeep/upkeep';
import { documentsDir, filedName, stagingDir } from './location';

/** What is known about a rendered PDF before it is filed. */
export interface NewDocument {
  readonly kind: DocumentKind;
  readonly title: string;
  readonly accountId: number | null;
  readonly claimId?: number | null;
  readonly denialId?: number | null;
  readonly templateId: string | null;
  readonly templateCopyId: number | null;
  /** The date printed on it (letter or statement date); also picks the year/month folder. */
  readonly documentDate: IsoDate;
  readonly pages: number;
  readonly warnings: readonly string[];
  /** A statement printed in the statement run filed in the same call. */
  readonly inRun?: boolean;
}

/** A PDF written under a temporary name, waiting for its row. */
export interface StagedDocument extends NewDocument {
  readonly tempPath: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** Staged files not yet filed or discarded, so a clean-up never takes one in use. */
const live = new Set<string>();

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Writes the PDF under a temporary name. Rendering is asynchronous and may fail or be
 * cancelled, so nothing is recorded until fileStaged runs.
 */
export async function stageDocument(
  ctx: Ctx,
  doc: NewDocument,
  pdf: Buffer,
): Promise<StagedDocument> {
  const dir = stagingDir(ctx.databasePath);
  await mkdir(dir, { recursive: true });
  const tempPath = path.join(dir, `${randomUUID()}.pdf`);
  live.add(tempPath);
  try {
    await writeFile(tempPath, pdf, { flag: 'wx' });
  } catch (error) {
    live.delete(tempPath);
    await rm(tempPath, { force: true });
    throw error;
  }
  return { ...doc, tempPath, sha256: sha256(pdf), bytes: pdf.length };
}

export function discardStaged(staged: readonly StagedDocument[]): void {
  for (const s of staged) {
    fs.rmSync(s.tempPath, { force: true });
    live.delete(s.tempPath);
  }
}

/** Removes staged files that a crash or an abandoned statement run left behind. */
export function removeAbandonedStaging(databasePath: string): void {
  const dir = stagingDir(databasePath);
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!live.has(file)) fs.rmSync(file, { force: true });
  }
}

/**
 * Records the staged documents and whatever else the action writes (`write`, given the
 * new ids in order) in one transaction, and moves each file into place as the last step
 * of it. If anything fails, the transaction rolls back and every file is removed, so a
 * document is either filed whole (row and file) or not at all.
 */
export function fileStaged<T>(
  ctx: Ctx,
  staged: readonly StagedDocument[],
  write: (ids: readonly number[]) => T,
): T {
  const { db } = ctx;
  const root = documentsDir(ctx.databasePath);
  const moved: string[] = [];
  const insert = db.prepare(
    `INSERT INTO documents (id, kind, title, account_id, claim_id, denial_id, run_document_id,
       template_id, template_copy_id, document_date, file_name, sha256, pages, bytes, warnings,
       created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  try {
    // the one write transaction: immediate, with the upkeep of what `write` touched
    return inWriteTransaction(ctx, (): T => {
      const now = ctx.clock.now();
      // The file is named after its id, so the id is taken here; the transaction is
      // immediate, so no other writer can take it first.
      let next = (
        db.prepare(`SELECT ifnull(max(id), 0) + 1 AS id FROM documents`).get() as {
          id: number;
        }
      ).id;
      const runId = staged[0]?.kind === 'statement_run' ? next : null;
      if (runId === null && staged.some((s) => s.inRun)) {
        throw new Error('a statement run is filed ahead of the statements printed in it');
      }
      const rows = staged.map((s) => {
        const id = next++;
        const fileName = filedName(id, s.kind, s.documentDate);
        insert.run(
          id,
          s.kind,
          s.title,
          s.accountId,
          s.claimId ?? null,
          s.denialId ?? null,
          s.inRun ? runId : null,
          s.templateId,
          s.templateCopyId,
          s.documentDate,
          fileName,
          s.sha256,
          s.pages,
          s.bytes,
          JSON.stringify(s.warnings),
          now,
          ctx.userId,
        );
        return { id, target: path.join(root, fileName), from: s.tempPath };
      });
      const result = write(rows.map((r) => r.id));
      for (const r of rows) {
        fs.mkdirSync(path.dirname(r.target), { recursive: true });
        // a filed document is never overwritten
        if (fs.existsSync(r.target)) throw new Error('a filed document is in the way');
        fs.renameSync(r.from, r.target);
        moved.push(r.target);
      }
      return result;
    });
  } catch (error) {
    for (const file of moved) fs.rmSync(file, { force: true });
    throw error;
  } finally {
    discardStaged(staged);
  }
}

/** Stages and files one document; `write` records the rest of the action with its id. */
export async function fileDocument<T>(
  ctx: Ctx,
  doc: NewDocument,
  pdf: Buffer,
  write: (documentId: number) => T,
): Promise<T> {
  const staged = await stageDocument(ctx, doc, pdf);
  return fileStaged(ctx, [staged], (ids) => write(ids[0] as number));
}
