import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates/iso-date';
import { call, expectRefused } from '../testing/call';
import { addAccount, addBilledClaim, addPayer } from '../testing/builders';
import { remitClaim, remittanceFile } from '../testing/remittance';
import { createTestCtx, TEST_TODAY, type TestCtx } from '../testing/test-db';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

function deniedClaim() {
  const payerId = addPayer(ctx);
  const { accountId } = addAccount(ctx, { payerId });
  const { claimId } = addBilledClaim(ctx, accountId, payerId, [30_000]);
  const number = (
    ctx.db.prepare(`SELECT claim_number AS n FROM claims WHERE id = ?`).get(claimId) as {
      n: string;
    }
  ).n;
  call(ctx, 'importFile', {
    fileName: 'denial.835',
    text: remittanceFile([
      remitClaim({
        patientControlNumber: number,
        charge: 30_000,
        paid: 0,
        status: '4',
        adjustments: [{ group: 'CO', reason: '197', amount: 30_000 }],
      }),
    ]),
  });
  const denial = call(ctx, 'listDenials', {}).rows[0];
  if (!denial) throw new Error('no denial');
  return { accountId, denial };
}

describe('the denial workflow', () => {
  it('moves through review, appeal and resolution, each step in the history', () => {
    const { accountId, denial } = deniedClaim();
    expect(denial.category).toBe('prior_authorization');
    call(ctx, 'updateDenial', { denialId: denial.id, state: 'in_review' });
    call(ctx, 'updateDenial', { denialId: denial.id, state: 'appeal_drafted' });
    call(ctx, 'updateDenial', {
      denialId: denial.id,
      state: 'appeal_sent',
      note: 'Faxed with auth letter',
    });
    // sending the appeal sets the follow-up to check on it in 30 days
    const followUp = call(ctx, 'getAccount', { accountId }).followUps.find(
      (f) => f.kind === 'denial',
    );
    expect(followUp?.dueDate).toBe(addDays(TEST_TODAY, 30));
    call(ctx, 'updateDenial', {
      denialId: denial.id,
      state: 'awaiting_payer',
      appealLevel: 'second',
    });
    expectRefused(
      ctx,
      'updateDenial',
      { denialId: denial.id, state: 'resolved' },
      /how the denial was resolved/,
    );
    call(ctx, 'updateDenial', { denialId: denial.id, state: 'resolved', resolution: 'paid' });
    const history = call(ctx, 'getAccount', { accountId })
      .activities.map((a) => a.text)
      .filter((t) => t.startsWith('Denial moved'));
    expect(history.reverse()).toEqual([
      'Denial moved from new to in review.',
      'Denial moved from in review to appeal drafted.',
      expect.stringMatching(
        /^Denial moved from appeal drafted to appeal sent\. Follow up on .* Faxed with auth letter$/,
      ),
      'Denial moved from appeal sent to awaiting payer, second level / reconsideration.',
      'Denial moved from awaiting payer to resolved (paid).',
    ]);
    expect(call(ctx, 'listDenials', {}).total).toBe(0);
    expect(call(ctx, 'listDenials', { open: false }).rows[0]).toMatchObject({
      state: 'resolved',
      resolution: 'paid',
      appealLevel: 'second',
    });
    expect(call(ctx, 'listQueue', { kind: 'denial' }).total).toBe(0);
  });

  it('refuses unknown states and a resolution without resolving', () => {
    const { denial } = deniedClaim();
    expectRefused(
      ctx,
      'updateDenial',
      { denialId: denial.id, state: 'lost' },
      /Unknown denial state/,
    );
    expectRefused(
      ctx,
      'updateDenial',
      { denialId: denial.id, state: 'in_review', resolution: 'paid' },
      /only given when/,
    );
    expectRefused(
      ctx,
      'updateDenial',
      { denialId: 999, state: 'in_review' },
      /denial was not found/,
    );
  });
});
