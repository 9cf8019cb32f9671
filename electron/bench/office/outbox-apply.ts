/**
 * A desktop that holds a day's outbox (10,000 entries at full size: notes, follow-ups
 * moved and closed, payments and a few reversals on the demo hospital) sends it to the
 * office's server, against node-postgres writing the same rows bare, one transaction per
 * entry, in the same run. Then a second desktop pulls it all and both copies are checked
 * against the server.
 */
import pg from 'pg';
import type { AccountId } from '../../../shared/ids';
import { all } from '../../db/query';
import { Rng } from '../../demo/random';
import { outboxSize } from '../../office/outbox';
import { readFollowUp } from '../../office/rows';
import { openPool } from '../../office/server/connection';
import { migrateServer } from '../../office/server/migrate';
import { registerDesktop, uploadBase } from '../../office/server/office';
import { onSyncStep } from '../../office/steps';
import { OfficeSync } from '../../office/sync';
import { requireOfficeLink } from '../../office/gids';
import { changes as changesSchema, type Change } from '../../office/wire';
import { summarize, type Timing } from '../measure';
import {
  ACTION_MIX,
  checkConvergence,
  formOffice,
  officeFiles,
  representativeAction,
  type ActionKind,
  type Convergence,
  type NewDatabase,
} from './office';

export interface OutboxApplyResult {
  actions: number;
  byKind: Record<ActionKind, number>;
  entries: number;
  accepted: number;
  refused: number;
  /**
   * The desktop's push: each entry read, applied on the server, answered and recorded;
   * `sent` is each entry until its answer came (the entry read from the outbox, the
   * server's transaction), `recorded` from the answer to its local transaction's commit.
   */
  app: Side & { sent: Timing; recorded: Timing };
  /** the same rows' INSERTs and UPDATEs, one transaction per entry, on one connection */
  bare: Side;
  ratio: { total: number; p50: number; p95: number };
  pull: { rows: number; seconds: number };
  convergence: Convergence;
}

interface Side {
  seconds: number;
  /** this process's CPU time: on a machine others are busy with, the figure to compare */
  cpuSeconds: number;
  perSecond: number;
  perEntry: Timing;
}

export async function outboxApplyBenchmark(
  newDatabase: NewDatabase,
  opts: { entries: number; accounts: number; worked: number; seed: number },
): Promise<OutboxApplyResult> {
  const files = officeFiles({
    accounts: opts.accounts,
    desktops: 2,
    worked: opts.worked,
    seed: opts.seed,
  });
  const syncs: OfficeSync[] = [];
  try {
    const server = await newDatabase();
    await formOffice(server, files.ctxs);
    const [sender, other] = files.ctxs;
    if (!sender || !other) throw new Error('bench: two desktops expected');

    const rng = new Rng(opts.seed);
    const byKind: Record<ActionKind, number> = {
      note: 0,
      reschedule: 0,
      complete: 0,
      pay: 0,
      reverse: 0,
    };
    let actions = 0;
    // a payment that also moved a follow-up is two entries, so count entries, not requests
    while (outboxSize(sender.db) < opts.entries) {
      const accountId = rng.pick(files.accountIds) as AccountId;
      byKind[representativeAction(sender, accountId, rng.weighted(ACTION_MIX), rng, actions)] += 1;
      actions += 1;
    }
    const entries = all<{ changes: string }>(
      sender.db,
      `SELECT changes FROM outbox ORDER BY seq`,
    ).map((e) => changesSchema.parse(JSON.parse(e.changes)));
    const { desktopId } = requireOfficeLink(sender.db);

    // the bare side writes to a database holding the same uploaded follow-ups
    const bareServer = await newDatabase();
    const barePool = openPool(bareServer);
    try {
      await migrateServer(barePool);
      await registerDesktop(barePool, desktopId, 'bare');
      await uploadBase(
        barePool,
        desktopId,
        all<{ id: number }>(other.db, `SELECT id FROM follow_ups ORDER BY id`).map(({ id }) => ({
          gid: `base:${id}`,
          row: readFollowUp(other.db, id),
        })),
      );
    } finally {
      await barePool.end();
    }

    const send = new OfficeSync(sender, server, 'desktop 1');
    syncs.push(send);
    await send.connect();
    const answered: number[] = [];
    const recorded: number[] = [];
    onSyncStep((step) => {
      if (step === 'answered') answered.push(performance.now());
      if (step === 'recorded') recorded.push(performance.now());
    });
    const cpu = process.cpuUsage();
    const start = performance.now();
    let pushed;
    try {
      pushed = await send.push();
    } finally {
      onSyncStep(null);
    }
    const appSeconds = (performance.now() - start) / 1000;
    const appCpu = cpuSeconds(cpu);
    const before = (i: number) => (i === 0 ? start : (recorded[i - 1] ?? Number.NaN));
    const perEntry = summarize(recorded.map((t, i) => t - before(i)));
    const sent = summarize(answered.map((t, i) => t - before(i)));
    const inCopy = summarize(recorded.map((t, i) => t - (answered[i] ?? Number.NaN)));
    // second, on a machine the app's run has warmed: the ratio errs against the app
    const bare = await bareApply(bareServer, desktopId, entries);

    const take = new OfficeSync(other, server, 'desktop 2');
    syncs.push(take);
    await take.connect();
    const pullStart = performance.now();
    const pulled = await take.pull();
    const pullSeconds = (performance.now() - pullStart) / 1000;

    const app = {
      seconds: appSeconds,
      cpuSeconds: appCpu,
      perSecond: entries.length / appSeconds,
      perEntry,
      sent,
      recorded: inCopy,
    };
    return {
      actions,
      byKind,
      entries: entries.length,
      accepted: pushed.accepted,
      refused: pushed.refused,
      app,
      bare,
      ratio: {
        total: app.seconds / bare.seconds,
        p50: app.perEntry.p50 / bare.perEntry.p50,
        p95: app.perEntry.p95 / bare.perEntry.p95,
      },
      pull: { rows: pulled, seconds: pullSeconds },
      convergence: await checkConvergence(server, files.ctxs),
    };
  } finally {
    for (const s of syncs) await s.close();
    files.remove();
  }
}

/**
 * What writing the same rows costs with nothing of the office around it: no version
 * check, no record of the entry, no change log, no notification, no local copy.
 */
async function bareApply(
  server: pg.ClientConfig,
  desktopId: string,
  entries: readonly Change[][],
): Promise<Side> {
  const client = new pg.Client(server);
  await client.connect();
  const times: number[] = [];
  const cpu = process.cpuUsage();
  const start = performance.now();
  try {
    for (const changes of entries) {
      const t = performance.now();
      await client.query('BEGIN');
      for (const c of changes) await bareWrite(client, desktopId, c);
      await client.query('COMMIT');
      times.push(performance.now() - t);
    }
  } finally {
    await client.end();
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    seconds,
    cpuSeconds: cpuSeconds(cpu),
    perSecond: entries.length / seconds,
    perEntry: summarize(times),
  };
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

async function bareWrite(client: pg.Client, desktopId: string, c: Change): Promise<void> {
  switch (c.tbl) {
    case 'activities': {
      const a = c.row;
      await client.query(
        `INSERT INTO activities (gid, account_gid, claim_gid, kind, direction, party, outcome,
             body, user_gid, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          c.gid,
          a.accountGid,
          a.claimGid,
          a.kind,
          a.direction,
          a.party,
          a.outcome,
          a.body,
          a.userGid,
          a.occurredAt,
        ],
      );
      return;
    }
    case 'follow_ups': {
      const f = c.row;
      const values: unknown[] = [
        c.gid,
        f.accountGid,
        f.claimGid,
        f.kind,
        f.status,
        f.dueDate,
        f.deadlineDate,
        f.ownerGid,
        f.reason,
        f.createdAt,
        f.createdBy,
        f.completedAt,
        f.completedBy,
        c.version,
      ];
      await client.query(
        c.op === 'insert'
          ? `INSERT INTO follow_ups (gid, account_gid, claim_gid, kind, status, due_date,
                 deadline_date, owner_gid, reason, created_at, created_by, completed_at,
                 completed_by, version)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`
          : `UPDATE follow_ups SET account_gid = $2, claim_gid = $3, kind = $4, status = $5,
                 due_date = $6, deadline_date = $7, owner_gid = $8, reason = $9,
                 created_at = $10, created_by = $11, completed_at = $12, completed_by = $13,
                 version = $14
               WHERE gid = $1`,
        values,
      );
      return;
    }
    case 'receipts': {
      const r = c.row;
      await client.query(
        `INSERT INTO receipts (gid, account_gid, kind, payer_gid, method, check_number,
             reference, amount, received_date, memo, reverses_gid, created_at, created_by,
             desktop_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          c.gid,
          r.accountGid,
          r.kind,
          r.payerGid,
          r.method,
          r.checkNumber,
          r.reference,
          r.amount,
          r.receivedDate,
          r.memo,
          r.reversesGid,
          r.createdAt,
          r.createdBy,
          desktopId,
        ],
      );
      return;
    }
    case 'ledger_entries': {
      const l = c.row;
      await client.query(
        `INSERT INTO ledger_entries (gid, account_gid, claim_gid, claim_line_gid, kind, side,
             amount, posting_date, payer_gid, reference, reason_code, memo, reverses_gid,
             receipt_gid, created_at, created_by, desktop_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
        [
          c.gid,
          l.accountGid,
          l.claimGid,
          l.claimLineGid,
          l.kind,
          l.side,
          l.amount,
          l.postingDate,
          l.payerGid,
          l.reference,
          l.reasonCode,
          l.memo,
          l.reversesGid,
          l.receiptGid,
          l.createdAt,
          l.createdBy,
          desktopId,
        ],
      );
    }
  }
}
