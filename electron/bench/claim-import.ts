import type { ImportReport } from '../../shared/api/imports';
import type { Ctx } from '../core/context';
import { dispatch } from '../testing/dispatch';
import { claimDocument, generateClaims } from '../testing/x12/generate-837';
import { read837 } from '../importers/claims/read-837';
import { write837 } from '../testing/x12/write-837';
import { writeBareClaims } from './claim-bare';
import { asOwnTransaction, pairedRollbacks, type Timing } from './measure';
import type { ThroughputResult } from './throughput';
import { asMs, timeReading } from './x12-reading';
import { all, oneOrThrow } from '../db/query';

export interface ClaimImportResult extends ThroughputResult {
  bytes: number;
  /** Whole-file imports, each rolled back, in seconds. */
  importRuns: Timing;
  /** Tokenising the same file alone, in seconds. */
  tokenizeRuns: Timing;
  /** Reading it into claims with every check (tokenise, envelopes, HL tree, money), in seconds. */
  readRuns: Timing;
}

/**
 * A generated 837 file of new claims (70% institutional, 30% professional) for the
 * bench database's payers, imported through dispatch: read, match, people, accounts,
 * coverages, claims, lines, charges through the ledger with balances, aging and queue
 * columns, follow-ups and history. Compared with tokenising the file alone.
 */
export function claimImportBenchmark(ctx: Ctx, count = 10_000, importRuns = 5): ClaimImportResult {
  const today = ctx.clock.today();
  const institutional = Math.round(count * 0.7);
  const claims = [
    ...generateClaims({
      count: institutional,
      claimType: 'institutional',
      today,
      seed: 837_001,
      firstNumber: 800_000_001,
    }),
    ...generateClaims({
      count: count - institutional,
      claimType: 'professional',
      today,
      seed: 837_002,
      firstNumber: 810_000_001,
    }),
  ];
  const text = write837(claimDocument(claims, { today, controlNumber: 4242 }));
  // claims already on file would be skipped, and the import would measure skipping
  const taken = oneOrThrow<{ n: number }>(
    ctx.db,
    `SELECT count(*) AS n FROM claims WHERE claim_number >= 'V800000001' AND claim_number < 'V9'`,
  );
  if (taken.n > 0) throw new Error('bench: the generated claim numbers are already in use');

  // the same rows written through bare better-sqlite3, payers and people known beforehand
  const payerIds = new Map(
    all<{
      code: string;
      id: number;
    }>(ctx.db, `SELECT payer_code AS code, id FROM payers`).map((p) => [p.code, p.id]),
  );
  const paired = pairedRollbacks(
    ctx.db,
    asOwnTransaction(ctx.db, () => {
      const r = dispatch(ctx, 'importFile', { fileName: 'bench.837', text });
      if (!r.ok) throw new Error(`bench: importFile failed: ${r.error.message}`);
      const added = (r.value as ImportReport).claimFile?.added ?? 0;
      if (added !== count) throw new Error(`bench: only ${added} of ${count} claims were added`);
    }),
    () => {
      if (writeBareClaims(ctx, claims, payerIds) !== count)
        throw new Error('bench: the bare writes lost claims');
    },
    importRuns,
  );
  const { a: imports, b: bareWrites } = paired;
  const { tokens, reads } = timeReading(text, count, (t) =>
    read837(t).transactions.reduce((s, tr) => s + tr.claims.length, 0),
  );
  return {
    name: `import a ${count.toLocaleString('en-US')}-claim 837 file`,
    items: count,
    handlerSeconds: imports.p50,
    bareSeconds: tokens.p50,
    handlerPerSecond: count / imports.p50,
    barePerSecond: count / tokens.p50,
    ratio: imports.p50 / tokens.p50,
    note:
      `claims per second imported vs tokenised alone (p50 of each); ${(text.length / 1e6).toFixed(1)} MB, ` +
      `${institutional.toLocaleString('en-US')} 837I + ${(count - institutional).toLocaleString('en-US')} 837P, all new accounts. ` +
      `Import p50 ${imports.p50.toFixed(2)} s, p95 ${imports.p95.toFixed(2)} s over ${importRuns} runs; ` +
      `tokenise p50 ${asMs(tokens.p50)}, p95 ${asMs(tokens.p95)}; ` +
      `read837 (tokenise + envelopes + claims and checks) p50 ${asMs(reads.p50)}, p95 ${asMs(reads.p95)}. ` +
      `The same rows written through bare better-sqlite3 (payers and people known beforehand; no ` +
      `reading, matching, checks or upkeep): p50 ${bareWrites.p50.toFixed(2)} s ` +
      `(${Math.round(count / bareWrites.p50).toLocaleString('en-US')} claims/s), p95 ` +
      `${bareWrites.p95.toFixed(2)} s; import / bare writes ${(imports.p50 / bareWrites.p50).toFixed(2)}x ` +
      `(runs alternated; CPU time ${(paired.aCpu.p50 / paired.bCpu.p50).toFixed(2)}x)`,
    bytes: text.length,
    importRuns: imports,
    tokenizeRuns: tokens,
    readRuns: reads,
  };
}
