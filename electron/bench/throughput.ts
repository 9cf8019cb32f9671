import type { AccountId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { dispatch } from '../testing/dispatch';
import { cachedBalances, type AgingInput } from '../ledger/aging';
import { read835 } from '../importers/x12/read-835';
import { refreshAccountBalance } from '../ledger/ledger';
import { remitClaim, remittanceFile } from '../testing/remittance';
import { asOwnTransaction, pairedRollbacks, timedRollback } from './measure';
import { bareClaimIds, postBareRemittance, type BareRemitClaim } from './remittance-bare';
import { asMs, timeReading } from './x12-reading';
import { all, prepare, run } from '../db/query';

/**
 * Bulk work timed as throughput: each run happens inside a transaction that is rolled
 * back afterwards, so the reused bench database stays exactly as it was built.
 */
export interface ThroughputResult {
  name: string;
  items: number;
  handlerSeconds: number;
  bareSeconds: number;
  handlerPerSecond: number;
  barePerSecond: number;
  ratio: number;
  note: string;
}

function result(
  name: string,
  items: number,
  handler: number,
  bare: number,
  note: string,
): ThroughputResult {
  return {
    name,
    items,
    handlerSeconds: handler,
    bareSeconds: bare,
    handlerPerSecond: items / handler,
    barePerSecond: items / bare,
    ratio: handler / bare,
    note,
  };
}

/** 10,000 patient payments into one deposit batch, through dispatch vs bare inserts. */
export function postingBatchBenchmark(ctx: Ctx, count = 10_000): ThroughputResult {
  const today = ctx.clock.today();
  const accounts = all<{ id: number; owed: number }>(
    ctx.db,
    `SELECT id, patient_balance AS owed FROM accounts
         WHERE status = 'open' AND patient_balance >= 100 ORDER BY id LIMIT ?`,
    count,
  );
  if (accounts.length < count) throw new Error(`bench: only ${accounts.length} accounts owe money`);
  const amount = (i: number) => 100 + (i % 50);
  const total = accounts.reduce((s, _a, i) => s + amount(i), 0);

  const handler = timedRollback(ctx.db, () => {
    const batch = call(ctx, 'openBatch', {
      depositDate: today,
      source: 'mail',
      expectedTotal: total,
    }) as { id: number };
    accounts.forEach((a, i) => {
      call(ctx, 'postPatientPayment', {
        accountId: a.id,
        batchId: batch.id,
        amount: amount(i),
        method: 'check',
        checkNumber: String(10_000 + i),
        receivedDate: today,
      });
    });
    call(ctx, 'closeBatch', { batchId: batch.id });
  });

  const bare = timedRollback(ctx.db, () => {
    const now = ctx.clock.now();
    const batchId = Number(
      run(
        ctx.db,
        `INSERT INTO deposit_batches (deposit_date, source, expected_total, created_at, created_by)
           VALUES (?, 'mail', ?, ?, ?)`,
        today,
        total,
        now,
        ctx.userId,
      ).lastInsertRowid,
    );
    const receipt = prepare(
      ctx.db,
      `INSERT INTO receipts (batch_id, account_id, kind, method, check_number, amount, received_date,
         created_at, created_by) VALUES (?, ?, 'patient_payment', 'check', ?, ?, ?, ?, ?)`,
    );
    const entry = prepare(
      ctx.db,
      `INSERT INTO ledger_entries (account_id, kind, side, amount, posting_date, receipt_id,
         created_at, created_by) VALUES (?, 'payment', 'patient', ?, ?, ?, ?, ?)`,
    );
    const balance = prepare(
      ctx.db,
      `UPDATE accounts SET patient_balance = (SELECT sum(amount) FROM ledger_entries
         WHERE account_id = ? AND side = 'patient') WHERE id = ?`,
    );
    const batchTotal = prepare(
      ctx.db,
      `UPDATE deposit_batches SET posted_total = posted_total + ?, receipt_count = receipt_count + 1
       WHERE id = ?`,
    );
    accounts.forEach((a, i) => {
      const id = receipt.run(
        batchId,
        a.id,
        String(10_000 + i),
        amount(i),
        today,
        now,
        ctx.userId,
      ).lastInsertRowid;
      entry.run(a.id, -amount(i), today, id, now, ctx.userId);
      balance.run(a.id, a.id);
      batchTotal.run(amount(i), batchId);
    });
    run(ctx.db, `UPDATE deposit_batches SET status = 'closed' WHERE id = ?`, batchId);
  });
  return result(
    'post payments in one batch',
    count,
    handler,
    bare,
    'handler: validation, claim allocation, receipt, ledger, balances, aging, plan/promise/credit checks, queue columns, history; bare: receipt + ledger insert + balance sum + batch total',
  );
}

/** Recomputes every account's cached balances and oldest open date from its ledger. */
export function recomputeBalancesBenchmark(ctx: Ctx): ThroughputResult {
  const ids = all<{ id: AccountId }>(ctx.db, `SELECT id FROM accounts ORDER BY id`).map(
    (r) => r.id,
  );
  const handler = timedRollback(ctx.db, () => {
    for (const id of ids) refreshAccountBalance(ctx.db, id);
  });
  const bare = timedRollback(ctx.db, () => {
    // the same rows read and the same first in, first out figures, written back with one prepared update
    const rows = prepare<AgingInput>(
      ctx.db,
      `SELECT id, side, amount, posting_date AS postingDate, reverses_id AS reversesId
       FROM ledger_entries WHERE account_id = ?`,
    );
    const update = prepare(
      ctx.db,
      `UPDATE accounts SET insurance_balance = ?, patient_balance = ?, oldest_open_date = ? WHERE id = ?`,
    );
    for (const id of ids) {
      const b = cachedBalances(rows.all(id));
      update.run(b.insuranceBalance, b.patientBalance, b.oldestOpenDate, id);
    }
  });
  return result(
    'recompute every balance and oldest open date',
    ids.length,
    handler,
    bare,
    'handler: refreshAccountBalance for every account (the upkeep it marks the accounts for is not run); bare: ledger read, balances and oldest open date, account update',
  );
}

function call(ctx: Ctx, method: string, input: unknown): unknown {
  const r = dispatch(ctx, method, input);
  if (!r.ok) throw new Error(`bench: ${method} failed: ${r.error.message}`);
  return r.value;
}

export interface RemittanceImportResult extends ThroughputResult {
  /** The same rows written through bare better-sqlite3, p50 seconds. */
  bareWriteSeconds: number;
  /** CPU seconds (p50) of the import and of the bare writes: steadier on a busy machine. */
  importCpuSeconds: number;
  bareWriteCpuSeconds: number;
}

/**
 * A generated remittance paying 10,000 of the bench database's open claims, imported
 * through dispatch (read, match, post, denials, report) against reading the file alone.
 */
export function remittanceImportBenchmark(
  ctx: Ctx,
  count = 10_000,
  runs = 5,
): RemittanceImportResult {
  const claims = all<{ number: string; open: number }>(
    ctx.db,
    `SELECT c.claim_number AS number, sum(l.amount) AS open
       FROM claims c JOIN ledger_entries l ON l.claim_id = c.id AND l.side = 'insurance'
       WHERE c.status IN ('billed', 'pending', 'acknowledged') AND c.primary_claim_id IS NULL
       GROUP BY c.id HAVING open >= 1000 ORDER BY c.id LIMIT ?`,
    count,
  );
  if (claims.length < count) throw new Error(`bench: only ${claims.length} open claims`);
  const remitted = claims.map((c, i) => {
    const contractual = Math.floor(c.open * 0.2);
    const coinsurance = Math.floor(c.open * 0.1);
    // every tenth claim is denied for medical necessity
    return i % 10 === 0
      ? remitClaim({
          patientControlNumber: c.number,
          charge: c.open,
          paid: 0,
          status: '4',
          adjustments: [{ group: 'CO', reason: '50', amount: c.open }],
          remarks: ['N115'],
        })
      : remitClaim({
          patientControlNumber: c.number,
          charge: c.open,
          paid: c.open - contractual - coinsurance,
          adjustments: [
            { group: 'CO', reason: '45', amount: contractual },
            { group: 'PR', reason: '2', amount: coinsurance },
          ],
        });
  });
  const text = remittanceFile(remitted, { trace: 'BENCH-ERA-1', date: ctx.clock.today() });
  // the same rows written through bare better-sqlite3, every id and amount known beforehand
  const bareClaims: BareRemitClaim[] = claims.map((c, i) => {
    const contractual = Math.floor(c.open * 0.2);
    const coinsurance = Math.floor(c.open * 0.1);
    const denied = i % 10 === 0;
    return {
      ...bareClaimIds(ctx, c.number),
      paid: denied ? 0 : c.open - contractual - coinsurance,
      contractual: denied ? 0 : contractual,
      coinsurance: denied ? 0 : coinsurance,
      denied: denied ? c.open : 0,
      payerClaimNumber: remitted[i]?.payerClaimNumber ?? '',
    };
  });
  const paired = pairedRollbacks(
    ctx.db,
    asOwnTransaction(ctx.db, () => {
      const report = call(ctx, 'importFile', { fileName: 'bench.835', text }) as {
        remittances: { claimsPosted: number }[];
      };
      const posted = report.remittances[0]?.claimsPosted ?? 0;
      if (posted !== count) throw new Error(`bench: only ${posted} of ${count} claims posted`);
    }),
    () => {
      if (postBareRemittance(ctx, bareClaims) !== count)
        throw new Error('bench: the bare writes lost claims');
    },
    runs,
  );
  const { a: imports, b: bareWrites } = paired;
  const { tokens, reads } = timeReading(
    text,
    count,
    (t) => read835(t).transactions[0]?.claims.length ?? 0,
  );
  const summary = result(
    'import a 10,000-claim remittance',
    count,
    imports.p50,
    tokens.p50,
    `claims per second posted vs tokenised alone (p50 of each); ${(text.length / 1e6).toFixed(1)} MB, ` +
      `claim-level payments, one claim in ten a denial. Import p50 ${imports.p50.toFixed(2)} s, ` +
      `p95 ${imports.p95.toFixed(2)} s over ${runs} runs; tokenise p50 ${asMs(tokens.p50)}, ` +
      `p95 ${asMs(tokens.p95)}; read835 (tokenise + checks) p50 ${asMs(reads.p50)}, p95 ${asMs(reads.p95)}. ` +
      `The same rows written through bare better-sqlite3 (ids and amounts known beforehand; no ` +
      `matching, checks, aging or queue columns): p50 ${bareWrites.p50.toFixed(2)} s ` +
      `(${Math.round(count / bareWrites.p50).toLocaleString('en-US')} claims/s), ` +
      `p95 ${bareWrites.p95.toFixed(2)} s; import / bare writes ${(imports.p50 / bareWrites.p50).toFixed(2)}x ` +
      `(runs alternated; CPU time ${(paired.aCpu.p50 / paired.bCpu.p50).toFixed(2)}x)`,
  );
  return {
    ...summary,
    bareWriteSeconds: bareWrites.p50,
    importCpuSeconds: paired.aCpu.p50,
    bareWriteCpuSeconds: paired.bCpu.p50,
  };
}
