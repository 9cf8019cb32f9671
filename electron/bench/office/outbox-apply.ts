/**
 * A desktop that holds a day's outbox (10,000 entries at full size: notes, follow-ups
 * moved and closed, payments and a few reversals on the demo hospital) sends it to the
 * office's server with its own desk's login, against node-postgres writing the same rows
 * bare, one transaction per entry, in the same run; the bare rows are also written by the
 * database's owner, which row-level security does not hold, for what the policies cost.
 * Then a second desktop pulls it all with its own login and both copies are checked
 * against the server.
 */
import type { AccountId } from '../../../shared/ids';
import { all } from '../../db/query';
import { Rng } from '../../demo/random';
import { outboxSize } from '../../office/outbox';
import { readFollowUp } from '../../office/rows';
import { onSyncStep } from '../../office/steps';
import { OfficeSync } from '../../office/sync';
import { requireOfficeLink } from '../../office/gids';
import { changes as changesSchema } from '../../office/wire';
import { deskLogin } from '../../testing/office/desk-login';
import { summarize, type Timing } from '../measure';
import { bareApply, bareDatabase, type Side } from './bare-apply';
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
  /** the same rows' INSERTs and UPDATEs, one transaction per entry, on one connection, as a desk's login */
  bare: Side;
  /**
   * Row-level security's cost: the bare rows written by the database's owner, whom the
   * policies do not hold, and the desk login's time over the owner's (1.2 is 20% more).
   */
  rls: { owner: Side; cost: { total: number; p50: number } };
  ratio: { total: number; p50: number; p95: number };
  pull: { rows: number; seconds: number };
  convergence: Convergence;
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
    const [senderLogin, otherLogin] = await formOffice(server, files.ctxs);
    const [sender, other] = files.ctxs;
    if (!sender || !other || !senderLogin || !otherLogin) {
      throw new Error('bench: two desktops expected');
    }

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

    const followUps = all<{ id: number }>(other.db, `SELECT id FROM follow_ups ORDER BY id`).map(
      ({ id }) => ({ gid: `base:${id}`, row: readFollowUp(other.db, id) }),
    );
    // The bare side writes as a desk login too: every row the app's entries write passes the
    // server's row-level security (a policy's check per inserted row), so the bare rows pass
    // the same checks and the ratio is the app's own cost, not the policies'. What the
    // policies cost is measured apart: the same bare rows written by the owner, whom they
    // do not hold (here the cluster's superuser, as the owner of a real office is not held
    // either: the policies are enabled, not forced).
    const bareServer = await bareDatabase(newDatabase, desktopId, followUps);
    const bareDesk = await deskLogin(bareServer);
    const ownerServer = await bareDatabase(newDatabase, desktopId, followUps);

    const send = new OfficeSync(sender, senderLogin, 'desktop 1');
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
    const used = process.cpuUsage(cpu);
    const appCpu = (used.user + used.system) / 1e6;
    const before = (i: number) => (i === 0 ? start : (recorded[i - 1] ?? Number.NaN));
    const perEntry = summarize(recorded.map((t, i) => t - before(i)));
    const sent = summarize(answered.map((t, i) => t - before(i)));
    const inCopy = summarize(recorded.map((t, i) => t - (answered[i] ?? Number.NaN)));
    // second, on a machine the app's run has warmed: the ratio errs against the app
    const { desk: bare, owner: asOwner } = await bareApply(
      { desk: bareDesk, owner: ownerServer },
      desktopId,
      entries,
    );

    const take = new OfficeSync(other, otherLogin, 'desktop 2');
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
      rls: {
        owner: asOwner,
        cost: {
          total: bare.seconds / asOwner.seconds,
          p50: bare.perEntry.p50 / asOwner.perEntry.p50,
        },
      },
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
