import {
  insertedId,
  type AccountId,
  type BatchId,
  type PayerId,
  type ReceiptId,
} from '../../shared/ids';
import type { PaymentMethod, ReceiptKind } from '../../shared/codes/enums';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { Cents } from '../../shared/money/cents';
import type { Ctx } from '../core/context';
import { run } from '../db/query';

export interface NewReceipt {
  batchId: BatchId | null;
  accountId: AccountId;
  kind: ReceiptKind;
  payerId?: PayerId | null;
  method: PaymentMethod;
  checkNumber?: string | null;
  reference?: string | null;
  amount: Cents;
  receivedDate: IsoDate;
  memo?: string | null;
  reversesId?: ReceiptId | null;
  remittanceId?: number | null;
}

/**
 * Records money received (or refunded); the caller posts its ledger rows with the id.
 * The one place receipts are written, so it also moves the batch's running total and
 * count (migration 10): a reversal cancels the payment it reverses.
 */
export function insertReceipt(ctx: Ctx, r: NewReceipt): ReceiptId {
  const id = insertedId<ReceiptId>(
    run(
      ctx.db,
      `INSERT INTO receipts (batch_id, account_id, kind, payer_id, method, check_number,
           reference, amount, received_date, memo, reverses_id, remittance_id, created_at,
           created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      r.batchId,
      r.accountId,
      r.kind,
      r.payerId ?? null,
      r.method,
      r.checkNumber ?? null,
      r.reference ?? null,
      r.amount,
      r.receivedDate,
      r.memo ?? null,
      r.reversesId ?? null,
      r.remittanceId ?? null,
      ctx.clock.now(),
      ctx.userId,
    ),
  );
  if (r.batchId !== null) {
    run(
      ctx.db,
      `UPDATE deposit_batches SET posted_total = posted_total + ?,
           receipt_count = receipt_count + ? WHERE id = ?`,
      r.amount,
      r.reversesId == null ? 1 : -1,
      r.batchId,
    );
  }
  return id;
}
