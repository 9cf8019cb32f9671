import type { AccountId, ClaimId, DenialId } from '../../shared/ids';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentKind } from '../../shared/api/documents';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { Ctx } from '../core/context';
import { inWriteTransaction } from '../upkeep/upkeep';
import { filingError } from './disk-errors';
import { sealDocument } from './sealed';
import { documentsDir, documentsFolderName, filedName, stagingDir } from './location';
import { ownedByThisProcess, stagedFileName, stagedOwner } from './staging';
import { filingStep } from './steps';
import { oneOrThrow, prepare } from '../db/query';

/** What is known about a rendered PDF before it is filed. */
export interface NewDocument {
  readonly kind: DocumentKind;
  readonly title: string;
  readonly accountId: AccountId | null;
  readonly claimId?: ClaimId | null;
  readonly denialId?: DenialId | null;
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
  const tempPath = path.join(dir, stagedFileName());
  live.add(tempPath);
  try {
    await mkdir(dir, { recursive: true });
    const file = await open(tempPath, 'wx');
    try {
      filingStep('stage-opened');
      // sealed on disk when the database is encrypted; the fingerprint is of the PDF itself
      await file.writeFile(sealDocument(pdf, ctx.databaseKey));
    } finally {
      await file.close();
    }
    filingStep('staged');
  } catch (error) {
    live.delete(tempPath);
    await rm(tempPath, { force: true }).catch(() => undefined);
    throw filingError(error, documentsDir(ctx.databasePath));
  }
  return { ...doc, tempPath, sha256: sha256(pdf), bytes: pdf.length };
}

export function discardStaged(staged: readonly StagedDocument[]): void {
  for (const s of staged) {
    live.delete(s.tempPath);
    try {
      fs.rmSync(s.tempPath, { force: true });
    } catch {
      // left for the next open, which sets aside what no live process owns
    }
  }
}

/**
 * Removes this process's own staged files that nothing is filing any more (an abandoned
 * statement run). Another process's files are never touched here: it may be filing them;
 * what a crashed one left is set aside at open (sweepDocuments).
 */
export function removeAbandonedStaging(databasePath: string): void {
  const dir = stagingDir(databasePath);
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    const owner = stagedOwner(name);
    const file = path.join(dir, name);
    if (owner && ownedByThisProcess(owner) && !live.has(file)) fs.rmSync(file, { force: true });
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
  const folder = documentsFolderName(ctx.databasePath);
  const moved: string[] = [];
  const insert = prepare(
    db,
    `INSERT INTO documents (id, kind, title, account_id, claim_id, denial_id, run_document_id,
       template_id, template_copy_id, document_date, folder, file_name, sha256, pages, bytes,
       warnings, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  try {
    // the one write transaction: immediate, with the upkeep of what `write` touched
    const result = inWriteTransaction(ctx, (): T => {
      const now = ctx.clock.now();
      // The id is part of the file's name, so it is taken here; the transaction is
      // immediate, so no other writer can take it first. The name's random part keeps
      // an id that comes back (after a crash or a restore) from meeting an older file.
      let next = oneOrThrow<{
        id: number;
      }>(db, `SELECT ifnull(max(id), 0) + 1 AS id FROM documents`).id;
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
          folder,
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
      const written = write(rows.map((r) => r.id));
      filingStep('rows-written');
      // Moved while the write lock is held, so the scan at open (which takes it too)
      // never sees a file whose row is about to commit. A crash from here on leaves
      // files with no row; that scan sets them aside.
      for (const r of rows) {
        fs.mkdirSync(path.dirname(r.target), { recursive: true });
        // a filed document is never overwritten
        if (fs.existsSync(r.target)) throw new Error('a filed document is in the way');
        fs.renameSync(r.from, r.target);
        moved.push(r.target);
        filingStep('file-moved');
      }
      return written;
    });
    filingStep('committed');
    return result;
  } catch (error) {
    for (const file of moved) {
      try {
        fs.rmSync(file, { force: true });
      } catch {
        // the row was rolled back, so the next open sets this file aside
      }
    }
    throw filingError(error, root);
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
