import { expect, it } from 'vitest';
import { all } from '../db/query';
import { syncAll, type Desktop } from '../testing/office/desktops';
import {
  deductibleJoiningPlan,
  end,
  makePlan,
  owingWithClaimUnpaid,
  planAtBothDesks,
} from '../testing/office/plans';
import { describeWithPg } from '../testing/office/server-db';
import { notSyncedActions } from './not-synced';

const plans = (d: Desktop) =>
  all<{ status: string; n: number }>(
    d.ctx.db,
    `SELECT p.status, (SELECT count(*) FROM plan_installments i WHERE i.plan_id = p.id) AS n
       FROM payment_plans p ORDER BY p.plan_number`,
  ).map((p) => `${p.status}/${p.n}`);

const held = (d: Desktop) => all<{ tbl: string }>(d.ctx.db, `SELECT tbl FROM sync_held`);

describeWithPg("a refused plan ending whose office row this desk's own plan holds back", () => {
  it('waits here, never dropped, and is taken once the desk’s own plan ends', async () => {
    const { a, b, account } = await planAtBothDesks(owingWithClaimUnpaid);
    // B: the insurer's EOB leaves $50.00 of deductible to the patient, which joins plan 1
    deductibleJoiningPlan(b, account);
    // A at the same time: plan 1 cancelled and a new plan set up in its place
    end(a, account, 'cancelled', 'Restructured');
    makePlan(a, account);
    await b.sync.sync();
    await syncAll(a, b);
    await syncAll(a, b);

    // A's ending refused and listed; the office's plan 1 (active, with the deductible) waits
    // at A behind A's own active plan, and A's plan 2 waits at B behind plan 1
    expect(notSyncedActions(a.ctx.db)).toHaveLength(1);
    expect(held(a)).toEqual([{ tbl: 'payment_plans' }]);
    expect(held(b)).toEqual([{ tbl: 'payment_plans' }]);
    // a person ends A's own plan: the office's plan 1 takes its place at A, and B takes the
    // ending of plan 2 (A ends plan 1 again from the office's, if it still means to)
    end(a, account, 'cancelled', 'Set up by mistake');
    await syncAll(a, b);
    await syncAll(a, b);
    expect(plans(a)).toEqual(['active/5', 'cancelled/4']);
    expect(plans(b)).toEqual(plans(a));
    for (const d of [a, b]) expect(held(d)).toEqual([]);
  });
});
