import type { ClaimId } from '../../../shared/ids';
import type {
  ClaimFileClaim,
  ClaimFileReport,
  ImportProblem,
  ImportStatus,
} from '../../../shared/api/imports';
import { formatUsDate, type IsoDate } from '../../../shared/dates/iso-date';
import { cents } from '../../../shared/money/cents';
import { formatCents } from '../../../shared/money/format';
import { count, plural } from '../../../shared/text/count';
import type { Ctx } from '../../core/context';
import { progressCounter, type Steps } from '../../core/stepped';
import { problem } from '../remittance/import-835';
import { matchClaim } from '../remittance/match';
import { postWaitingRemittanceClaims } from '../remittance/late-claims';
import { addClaim, replaceClaim, voidClaim } from './apply-claim';
import { SkipClaim, type Applied, type FileContext } from './claim-facts';
import { fingerprintOf } from './claim-fingerprint';
import { providersDiffer } from './claim-providers';
import { loadOurClaim } from './our-claim';
import type { Claim837 } from './claim-types';
import { displayName } from './people';
import { read837 } from './read-837';
import { oneOrThrow } from '../../db/query';

export interface ClaimFileOutcome {
  rejected: ImportProblem[];
  warnings: ImportProblem[];
  report: ClaimFileReport | null;
}

const SUPPORTED_FREQUENCIES = new Set(['1', '7', '8']);

const FREQUENCY_NAMES: Record<string, string> = {
  '0': 'a non-payment claim',
  '2': 'an interim bill (first claim)',
  '3': 'an interim bill (continuing claim)',
  '4': 'an interim bill (last claim)',
  '5': 'a late charge claim',
  '6': 'an adjustment of a prior claim',
};

interface OurState {
  fingerprint: string | null;
  voidedAt: string | null;
  status: string;
  accountNumber: string;
}

function ourState(ctx: Ctx, claimId: ClaimId): OurState {
  return oneOrThrow<OurState>(
    ctx.db,
    `SELECT c.fingerprint, c.voided_at AS voidedAt, c.status, a.account_number AS accountNumber
       FROM claims c JOIN accounts a ON a.id = c.account_id WHERE c.id = ?`,
    claimId,
  );
}

/**
 * What to do with one claim: add it, replace or void ours, or skip it and say why. A claim
 * refused leaves nothing behind while the others still go in: a new claim decides every
 * refusal before it writes, and a replacement or void is applied in its own savepoint
 * inside the file's transaction.
 */
function importClaim(
  ctx: Ctx,
  f: FileContext,
  claim: Claim837,
): { outcome: ClaimFileClaim; applied: Applied | null } {
  const result: ClaimFileClaim = {
    patientControlNumber: claim.patientControlNumber,
    claimType: claim.claimType,
    frequencyCode: claim.frequencyCode,
    patientName: displayName((claim.patient ?? claim.subscriber).name) || null,
    payerName: claim.payer.name || null,
    totalCharge: claim.totalCharge,
    outcome: 'skipped',
    alreadyImported: false,
    claimNumber: null,
    accountId: null,
    accountNumber: null,
    chargesPosted: cents(0),
    message: '',
    segmentIndex: claim.position?.segmentIndex ?? null,
    problems: [],
  };
  const skip = (message: string, extra: Partial<ClaimFileClaim> = {}) => ({
    outcome: { ...result, ...extra, message },
    applied: null,
  });
  if (claim.errors.length > 0) {
    return skip(
      `Not imported: the claim failed ${plural(claim.errors.length, 'check')}; correct it and send it again.`,
      { problems: claim.errors.map(problem) },
    );
  }
  const frequency = claim.frequencyCode;
  if (!SUPPORTED_FREQUENCIES.has(frequency)) {
    return skip(
      `Not imported: frequency code ${frequency} marks ${FREQUENCY_NAMES[frequency] ?? 'a kind of claim'} that ClaimDesk does not import; it imports original (1), replacement (7) and void (8) claims.`,
    );
  }
  const pcn = claim.patientControlNumber;
  const matched = matchClaim(ctx.db, pcn, claim.payerClaimNumber);
  const fingerprint = fingerprintOf(claim);
  const ours = matched ? { ...matched, ...ourState(ctx, matched.id) } : null;
  const found = ours
    ? {
        claimNumber: ours.claimNumber,
        accountId: ours.accountId,
        accountNumber: ours.accountNumber,
      }
    : {};
  let apply: () => Applied;
  let savepoint = true;
  if (!ours) {
    if (frequency !== '1') {
      return skip(
        `Not imported: this ${frequency === '7' ? 'replacement' : 'void'} refers to claim ${pcn}${claim.payerClaimNumber ? ` (payer claim number ${claim.payerClaimNumber})` : ''}, which ClaimDesk does not have.`,
      );
    }
    apply = () => addClaim(ctx, f, claim, fingerprint);
    savepoint = false;
  } else if (ours.voidedAt !== null || ours.status === 'voided') {
    const when = ours.voidedAt ? ` on ${formatUsDate(ours.voidedAt.slice(0, 10) as IsoDate)}` : '';
    if (frequency === '8') {
      return skip(`Already voided: claim ${ours.claimNumber} was voided${when}.`, {
        ...found,
        alreadyImported: true,
      });
    }
    return skip(
      `Not imported: claim ${ours.claimNumber} was voided${when}. A voided claim is not reopened; send the claim as a new one under a new patient control number.`,
      found,
    );
  } else if (
    frequency !== '8' &&
    ours.fingerprint === fingerprint &&
    !(frequency === '7' && providersDiffer(ctx.db, ours.id, claim))
  ) {
    return skip(
      `Already imported: claim ${ours.claimNumber} on account ${ours.accountNumber} has this content; nothing changed.`,
      { ...found, alreadyImported: true },
    );
  } else if (frequency === '1') {
    return skip(
      `Not imported: claim ${ours.claimNumber} on account ${ours.accountNumber} already exists with different content. To change it, send a replacement claim (frequency 7).`,
      found,
    );
  } else {
    const target = loadOurClaim(ctx, ours.id);
    apply =
      frequency === '7'
        ? () => replaceClaim(ctx, f, claim, target, fingerprint)
        : () => voidClaim(ctx, f, claim, target);
  }
  try {
    const applied = savepoint ? ctx.db.transaction(apply)() : apply();
    return {
      outcome: {
        ...result,
        outcome: applied.outcome,
        claimNumber: applied.claimNumber,
        accountId: applied.accountId,
        accountNumber: applied.accountNumber,
        chargesPosted: applied.chargesPosted,
        message: applied.message,
      },
      applied,
    };
  } catch (e) {
    if (!(e instanceof SkipClaim)) throw e;
    return skip(`Not imported: ${e.message}`, found);
  }
}

/**
 * Imports an 837 file in the caller's transaction (the whole file commits or nothing
 * does). A file whose envelope or HL tree is not sound imports nothing; a claim that
 * fails its checks, or cannot be applied as sent, is skipped with its reason and the
 * others go in. Importing the same file again changes nothing and says so per claim.
 */
export function* post837(
  ctx: Ctx,
  importFileId: number,
  text: string,
  fileName: string,
): Steps<ClaimFileOutcome> {
  const read = read837(text);
  const warnings = read.warnings.map(problem);
  const rejected =
    read.envelopeErrors.length > 0
      ? read.envelopeErrors.map(problem)
      : read.transactions.flatMap((t) => t.errors).map(problem);
  const claimCount = read.transactions.reduce((s, t) => s + t.claims.length, 0);
  if (rejected.length === 0 && claimCount === 0) {
    rejected.push({
      message:
        read.transactions.length === 0
          ? 'The file holds no 837 transaction.'
          : 'The file holds no claims (CLM segments).',
      segmentId: null,
      segmentIndex: null,
    });
  }
  if (rejected.length > 0) return { rejected, warnings, report: null };

  const today = ctx.clock.today();
  const report: ClaimFileReport = {
    claimTypes: [],
    transactions: read.transactions.length,
    claimsRead: claimCount,
    added: 0,
    updated: 0,
    voided: 0,
    skipped: 0,
    alreadyImported: 0,
    chargesPosted: cents(0),
    accountsCreated: 0,
    peopleCreated: 0,
    payersCreated: [],
    claims: [],
  };
  let charges = 0;
  const next = progressCounter('Claims imported', claimCount);
  for (const t of read.transactions) {
    const f: FileContext = {
      importFileId,
      fileName,
      // a sender's date ahead of ours is a clock difference, not a claim from the future
      billedDate: t.createdOn !== null && t.createdOn < today ? t.createdOn : today,
    };
    for (const claim of t.claims) {
      yield next();
      if (!report.claimTypes.includes(claim.claimType)) report.claimTypes.push(claim.claimType);
      const { outcome, applied } = importClaim(ctx, f, claim);
      report.claims.push(outcome);
      report[outcome.outcome] += 1;
      if (outcome.alreadyImported) report.alreadyImported += 1;
      charges += outcome.chargesPosted;
      if (applied) {
        if (applied.accountCreated) report.accountsCreated += 1;
        report.peopleCreated += applied.peopleCreated;
        if (applied.payerCreated) report.payersCreated.push(applied.payerCreated);
      }
    }
  }
  report.chargesPosted = cents(charges);
  warnings.push(...postWaitingRemittanceClaims(ctx, importFileId));
  return { rejected: [], warnings, report };
}

/** Duplicate when every claim was in before; partly posted when any was skipped for a reason. */
export function claimFileStatus(r: ClaimFileReport | null | undefined): ImportStatus {
  if (!r || r.claimsRead === 0) return 'rejected';
  if (r.alreadyImported === r.claimsRead) return 'duplicate';
  if (r.skipped > r.alreadyImported) return 'partial';
  return 'posted';
}

/** "12 claims: 10 added, 1 updated, 1 skipped; $4,210.00 in charges; 1 payer added". */
export function claimFileSummary(r: ClaimFileReport | null | undefined): string {
  if (!r) return 'No claims imported.';
  const parts = [`${count(r.added)} added`, `${count(r.updated)} updated`];
  if (r.voided > 0) parts.push(`${count(r.voided)} voided`);
  parts.push(`${count(r.skipped)} skipped`);
  const tail = [`${formatCents(r.chargesPosted)} in charges`];
  if (r.alreadyImported > 0) tail.push(`${count(r.alreadyImported)} imported before`);
  if (r.payersCreated.length > 0) tail.push(plural(r.payersCreated.length, 'payer') + ' added');
  return `${plural(r.claimsRead, 'claim')}: ${parts.join(', ')}; ${tail.join('; ')}`;
}
