import type { ParsedInputOf } from '../../shared/api/contract';
import type { TakePaymentResult } from '../../shared/api/posting';
import type { BatchId } from '../../shared/ids';
import type { Ctx, ReadCtx } from '../core/context';
import { openBatch } from '../batches/batches';
import { one } from '../db/query';
import { postPatientPayment } from './patient-payment';

/**
 * Today's open batch a patient's money goes into: the front desk's first, then any other
 * open batch of today that is not an insurer's.
 */
export function todaysPatientBatch(ctx: ReadCtx): BatchId | null {
  const row = one<{ id: BatchId }>(
    ctx.db,
    `SELECT id FROM deposit_batches
      WHERE status = 'open' AND deposit_date = ? AND source <> 'insurer'
      ORDER BY source = 'desk' DESC, id LIMIT 1`,
    ctx.clock.today(),
  );
  return row?.id ?? null;
}

/**
 * A payment taken at the account, without going to Posting. When no batch is open for
 * today one is opened here, in the request's own transaction: should the payment be
 * refused (a closed account, a date in the future), the batch goes with it.
 */
export function takePayment(ctx: Ctx, input: ParsedInputOf<'takePayment'>): TakePaymentResult {
  const open = todaysPatientBatch(ctx);
  const batchId =
    open ??
    // the summary's id is the row just inserted into deposit_batches
    (openBatch(ctx, {
      depositDate: ctx.clock.today(),
      source: 'desk',
      // the batch starts out expecting this payment; its total is corrected on Posting
      expectedTotal: input.amount,
      description: 'Payments taken at the account',
    }).id as BatchId);
  const posted = postPatientPayment(ctx, { ...input, batchId });
  if (!posted.batch) throw new Error('A payment posted into a batch came back without it.');
  return { ...posted, batch: posted.batch, batchOpened: open === null };
}
