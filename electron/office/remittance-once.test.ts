import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { all } from '../db/query';
import { addBilledClaim, addCoverage, addPayer } from '../testing/builders';
import { call } from '../testing/call';
import { syncAll, twoDesktops } from '../testing/office/desktops';
import { moneyState } from '../testing/office/money';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { claimNumberOf } from '../testing/office/records';
import { remitClaim, remittanceFile } from '../testing/remittance';

/** The account owes its payer $500.00 on one billed claim. */
function billed(ctx: Ctx, accountId: AccountId): void {
  const payerId = addPayer(ctx, { name: 'Acme Health' });
  addCoverage(ctx, accountId, payerId, 1);
  addBilledClaim(ctx, accountId, payerId, [30_000, 20_000]);
}

describeWithPg('an 835 payment between desktops', () => {
  it('is posted at one desktop only: the same file imported at a second is refused there, not paid twice', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, billed);
    const [accountId] = accountIds as [AccountId];
    const number = claimNumberOf(a.ctx, accountId);
    const file = remittanceFile(
      [
        remitClaim({
          patientControlNumber: number,
          charge: 50_000,
          paid: 42_000,
          adjustments: [{ group: 'CO', reason: '45', amount: 8_000 }],
        }),
      ],
      { trace: 'EFT778899' },
    );
    // both desks import the payer's file before either hears of the other's
    for (const d of [a, b]) call(d.ctx, 'importFile', { fileName: 'acme.835', text: file });
    // the postings, and the claim's new status as a part of them
    expect((await a.sync.sync()).push).toEqual({ accepted: 2, refused: 0 });
    const sent = await b.sync.sync();
    expect(sent.push.refused).toBeGreaterThan(0);
    await syncAll(a, b);

    const reasons = all<{ reason: string }>(b.ctx.db, `SELECT reason FROM not_synced`);
    expect(reasons[0]?.reason).toBe(
      'This 835 payment (trace EFT778899) was already posted at another desktop; this ' +
        "desktop's postings from it were withdrawn, so nothing was paid twice.",
    );
    // one payment of $420.00 and one contractual adjustment everywhere: paid once
    for (const d of [a, b]) {
      const state = moneyState(d.ctx);
      expect(state.balances.every((x) => x.balance === x.ledgerSum)).toBe(true);
      expect(state.balances[0]?.balance).toBe(0);
      expect(all(d.ctx.db, `SELECT 1 FROM receipts WHERE kind = 'insurance_payment'`)).toHaveLength(
        1,
      );
    }
    expect(moneyState(b.ctx).ledger.sort()).toEqual(moneyState(a.ctx).ledger.sort());
  });
});
