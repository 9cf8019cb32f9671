import { createHash } from 'node:crypto';
import type { ParsedInputOf } from '../../shared/api/contract';
import { notFound } from '../../shared/api/errors';
import type {
  ClaimFileReport,
  ClaimStatusReport,
  ImportKind,
  ImportListItem,
  ImportProblem,
  ImportReport,
  ImportStatus,
  RemittanceReport,
} from '../../shared/api/imports';
import { cents, sumCents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { count, plural } from '../../shared/text/count';
import type { Ctx, ReadCtx } from '../core/context';
import { SteppedWrite, type Steps } from '../core/stepped';
import { post277 } from './claim-status/import-277';
import { claimFileStatus, claimFileSummary, post837 } from './claims/import-837';
import { withRemittanceIds } from './remittance/detail';
import { post835 } from './remittance/import-835';
import { tokenize } from './x12/tokenizer';
import { all, one, run } from '../db/query';

/** Enough of a file to hold its ISA, GS and first ST segments. */
const HEADER_CHARACTERS = 2_000;

/**
 * Which X12 transaction a file holds, from its first ST segment. Only the head of the
 * file is read here, normally: the reader that follows tokenizes the whole file anyway.
 */
function detectKind(text: string): ImportKind | null {
  const first = (part: string, id: string) => tokenize(part).segments.find((s) => s.id === id);
  // a file with a long preamble before its envelope is read whole, as before
  const st = first(text.slice(0, HEADER_CHARACTERS), 'ST') ?? first(text, 'ST');
  const id = st?.elements[1];
  if (id === '835' || id === '277' || id === '837') return id;
  // a file cut off or damaged before its first ST still says what it is in GS01, and its
  // own reader then says what is wrong with it
  const gs = st ? undefined : first(text.slice(0, HEADER_CHARACTERS), 'GS');
  return gs ? (GROUP_KINDS[gs.elements[1] ?? ''] ?? null) : null;
}

/** GS01 functional identifiers of the transactions imported here. */
const GROUP_KINDS: Record<string, ImportKind> = { HP: '835', HN: '277', HC: '837' };

/** `.835`, `.277`, `.837` (also `.837i`, `.837p`) at the end of a file name. */
function kindInName(fileName: string): string | null {
  return /\.(835|277|837)[ip]?$/i.exec(fileName)?.[1] ?? null;
}

function remittanceSummary(rs: readonly RemittanceReport[]): string {
  const posted = rs.filter((r) => !r.duplicateOf && r.failedChecks.length === 0);
  const claims = rs.reduce((s, r) => s + r.claimsPosted, 0);
  // what came in: payments less what the payer took back in the same remittance
  const paid = sumCents(
    rs.map((r) => (r.tieOut ? cents(r.tieOut.claimsPaid - r.tieOut.reversals) : r.totalPaid)),
  );
  const untied = rs.filter((r) => r.tieOut && r.tieOut.difference !== 0).length;
  const denials = rs.reduce((s, r) => s + r.denialsCreated, 0);
  const exceptions = rs.reduce((s, r) => s + r.exceptions, 0);
  const dupes = rs.filter((r) => r.duplicateOf).length;
  return [
    plural(posted.length, 'remittance'),
    `${count(claims)} claims posted`,
    `${formatCents(paid)} paid`,
    plural(denials, 'denial'),
    plural(exceptions, 'exception'),
    ...(dupes > 0 ? [`${count(dupes)} imported before`] : []),
    ...(untied > 0 ? [`${count(untied)} not tied out to the payment`] : []),
  ].join(', ');
}

/**
 * Imports one file: reads it, posts it in one transaction (all of it or none of it), and
 * files the report, which is returned and kept for the import history. Running the same
 * remittance twice posts nothing the second time and says when it came in before. The
 * posting is done in steps, so the window can show how many claims are in.
 */
export function importFile(
  ctx: Ctx,
  input: ParsedInputOf<'importFile'>,
): SteppedWrite<ImportReport> {
  return new SteppedWrite(importSteps(ctx, input));
}

function* importSteps(ctx: Ctx, input: ParsedInputOf<'importFile'>): Steps<ImportReport> {
  const { db } = ctx;
  // reading and checking a 50 MB file takes a moment before the claims can be counted
  yield { label: 'Reading the file', done: 0, total: 0 };
  const sha256 = createHash('sha256').update(input.text).digest('hex');
  const kind = detectKind(input.text);
  const fileId = Number(
    run(
      db,
      `INSERT INTO import_files (kind, file_name, sha256, byte_size, status, summary, report,
             imported_at, imported_by) VALUES (?, ?, ?, ?, 'rejected', '', '{}', ?, ?)`,
      kind ?? 'unknown',
      input.fileName,
      sha256,
      Buffer.byteLength(input.text),
      ctx.clock.now(),
      ctx.userId,
    ).lastInsertRowid,
  );
  const report: ImportReport = {
    importId: fileId,
    kind: kind ?? 'unknown',
    fileName: input.fileName,
    status: 'rejected',
    summary: '',
    rejected: [],
    warnings: [],
    remittances: [],
    claimStatus: null,
    claimFile: null,
  };
  const none = (message: string): ImportProblem => ({
    message,
    segmentId: null,
    segmentIndex: null,
  });
  if (kind === null) {
    report.rejected.push(none(unrecognised(input.text)));
  } else if (kind === '837') {
    const out = yield* post837(ctx, fileId, input.text, input.fileName);
    Object.assign(report, {
      rejected: out.rejected,
      warnings: out.warnings,
      claimFile: out.report,
    });
  } else if (kind === '835') {
    const out = yield* post835(ctx, fileId, input.text);
    Object.assign(report, {
      rejected: out.rejected,
      warnings: out.warnings,
      remittances: out.remittances,
    });
  } else {
    const out = yield* post277(ctx, fileId, input.text);
    Object.assign(report, {
      rejected: out.rejected,
      warnings: out.warnings,
      claimStatus: out.report,
    });
  }
  const named = kindInName(input.fileName);
  if (kind !== null && named !== null && named !== kind) {
    report.warnings.unshift(
      none(
        `The file name says ${named}, but the file holds ${kind === '835' ? 'an 835 remittance' : kind === '277' ? 'a 277 claim status' : 'an 837 claim file'}; it was read as what it holds.`,
      ),
    );
  }
  const refused = everyTransactionRefused(report);
  if (refused) report.rejected.unshift(none(refused));
  report.status = statusOf(report);
  report.summary =
    report.status === 'rejected'
      ? `Rejected: ${report.rejected[0]?.message ?? 'the file could not be read.'}`
      : report.kind === '277'
        ? claimStatusSummary(report.claimStatus)
        : report.kind === '837'
          ? claimFileSummary(report.claimFile)
          : remittanceSummary(report.remittances);
  run(
    db,
    `UPDATE import_files SET status = ?, summary = ?, report = ? WHERE id = ?`,
    report.status,
    report.summary,
    JSON.stringify(report),
    fileId,
  );
  return report;
}

/** Why a file is none of the kinds imported here, in the plainest words that fit. */
function unrecognised(text: string): string {
  const what = 'ClaimDesk imports X12 835 remittances, 277 claim status and 837 claim files.';
  const start = text.replace(/^[\uFEFF\s]+/, '');
  if (start === '') return `The file is empty. ${what}`;
  if (!start.startsWith('ISA')) {
    return `The file has no ISA header: an X12 file begins with an ISA segment, and this one does not. ${what}`;
  }
  return `The file names no transaction ClaimDesk imports (no ST segment of an 835, 277 or 837). ${what}`;
}

/**
 * A remittance held back for its own checks posts nothing; when every one in the file is,
 * the file stored nothing and is rejected rather than "partly posted". (An 837 whose
 * transactions fail is rejected by its reader already.) Returns the message, or null.
 */
function everyTransactionRefused(r: ImportReport): string | null {
  if (r.rejected.length > 0) return null;
  if (r.kind === '837') return everyClaimSkipped(r.claimFile);
  if (r.kind !== '835' || r.remittances.length === 0) return null;
  const refused = r.remittances.filter(
    (x) =>
      !x.duplicateOf && x.failedChecks.length > 0 && x.claimsPosted === 0 && x.exceptions === 0,
  );
  if (refused.length !== r.remittances.length) return null;
  const first = refused[0]?.failedChecks[0]?.message ?? '';
  return `Nothing was stored: ${refused.length === 1 ? 'the file’s only remittance' : `all ${refused.length} remittances`} failed ${refused.length === 1 ? 'its' : 'their'} checks. ${first}`.trim();
}

/**
 * An 837 whose every claim was skipped for a reason of its own (not because it came
 * before) stored nothing either: rejected, with the first claim's reason.
 */
function everyClaimSkipped(f: ClaimFileReport | null | undefined): string | null {
  if (!f || f.claimsRead === 0 || f.added + f.updated + f.voided > 0) return null;
  const refused = f.claims.filter((c) => c.outcome === 'skipped' && !c.alreadyImported);
  if (refused.length === 0) return null;
  const which =
    f.claimsRead === 1 ? 'the file’s only claim was' : `all ${f.claimsRead} claims were`;
  return `Nothing was stored: ${which} skipped. ${refused[0]?.message ?? ''}`.trim();
}

function claimStatusSummary(r: ClaimStatusReport | null): string {
  if (!r) return 'No claim statuses read.';
  const read = r.claimsRead ?? r.claimsUpdated + r.unmatched;
  if (read === 0) return 'No claims in the file; its statuses are about the submitter or provider.';
  const parts = [`${count(r.claimsUpdated)} updated`];
  if (r.rejections) parts.push(`${count(r.rejections)} rejected (fix and resubmit)`);
  parts.push(plural(r.followUpsCreated, 'follow-up'), `${count(r.unmatched)} not matched`);
  if (r.skipped) parts.push(`${count(r.skipped)} skipped`);
  if (r.alreadyRecorded) parts.push(`${count(r.alreadyRecorded)} recorded already`);
  return `${plural(read, 'claim')}: ${parts.join(', ')}`;
}

function statusOf(r: ImportReport): ImportStatus {
  if (r.rejected.length > 0) return 'rejected';
  if (r.kind === '277') return 'posted';
  if (r.kind === '837') return claimFileStatus(r.claimFile);
  if (r.remittances.every((x) => x.duplicateOf)) return 'duplicate';
  if (r.remittances.some((x) => x.failedChecks.length > 0)) return 'partial';
  return 'posted';
}

export function listImports(ctx: ReadCtx, input: ParsedInputOf<'listImports'>): ImportListItem[] {
  return all<ImportListItem>(
    ctx.db,
    `SELECT f.id, f.kind, f.file_name AS fileName, f.status, f.summary, f.imported_at AS importedAt,
         u.display_name AS importedBy
       FROM import_files f JOIN users u ON u.id = f.imported_by
       ORDER BY f.id DESC LIMIT +?`,
    input.limit,
  );
}

export function getImport(ctx: ReadCtx, input: ParsedInputOf<'getImport'>): ImportReport {
  const row = one<{ report: string }>(
    ctx.db,
    `SELECT report FROM import_files WHERE id = ?`,
    input.importId,
  );
  if (!row) throw notFound('The import');
  const report = JSON.parse(row.report) as ImportReport;
  return { ...report, remittances: withRemittanceIds(ctx.db, input.importId, report.remittances) };
}
