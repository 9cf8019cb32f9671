import type { PaymentMethod, ReceiptKind } from '../../shared/codes/enums';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { Ctx } from '../api/context';

export interface NewReceipt {
  batchId: number | null;
  accountId: number;
  kind: ReceiptKind;
  payerId?: number | null;
  method: PaymentMethod;
  checkNumber?: string | null;
  reference?: string | null;
  amount: number;
  receivedDate: IsoDate;
  memo?: string | null;
  reversesId?: number | null;
  remittanceId?: number | null;
}

/** Records money received (or refunded); the caller posts its ledger rows with the id. */
export function insertReceipt(ctx: Ctx, r: NewReceipt): number {
  return Number(
    ctx.db
      .prepare(
        `INSERT INTO receipts (batch_id, account_id, kind, payer_id, method, check_number,
           reference, amount, received_date, memo, reverses_id, remittance_id, created_at,
           created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
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
      ).lastInsertRowid,
  );
}
