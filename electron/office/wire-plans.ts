import { z } from 'zod';
import { cents, gid, isoDate, text } from './wire-fields';

// a payment plan and a promise to pay, as they travel; wire.ts puts them in its unions

/** One installment of a plan's schedule: the down payment is number 0. */
export const installmentRow = z.strictObject({
  number: z.number().int().min(0),
  dueDate: isoDate,
  amount: cents.positive(),
});

/**
 * A payment plan as made, with its whole schedule, and its later changes by version: a
 * person's ending of it, and new charges joining it (installments added, the last topped
 * up). Whether it is late, and paid off, is each desk's reading of its own ledger; paid off
 * is listed only so that a row sealed after the upkeep marked it still parses.
 */
export const paymentPlanRow = z.strictObject({
  accountGid: gid,
  planNumber: z.number().int().min(1),
  startDate: isoDate,
  firstDueDate: isoDate,
  monthlyAmount: cents.positive(),
  downPayment: cents.min(0),
  graceDays: z.number().int().min(0),
  includeNewCharges: z.union([z.literal(0), z.literal(1)]),
  paidBefore: cents,
  createdAt: z.string(),
  createdBy: gid,
  status: z.enum(['active', 'paid_off', 'broken', 'cancelled']),
  endedAt: text,
  endedBy: gid.nullable(),
  endReason: text,
  installments: z.array(installmentRow).min(1),
});
export type PaymentPlanRow = z.infer<typeof paymentPlanRow>;

/** A promise to pay, or a credit extension, as recorded; kept or broken is each desk's. */
export const promiseRow = z.strictObject({
  accountGid: gid,
  kind: z.enum(['promise', 'extension']),
  amount: cents.positive(),
  dueDate: isoDate,
  paidBefore: cents,
  note: text,
  createdAt: z.string(),
  createdBy: gid,
});
export type PromiseRow = z.infer<typeof promiseRow>;

const version = z.number().int().min(1);

/** The plans' members of wire.ts' unions: a promise is insert-only, a plan changes by version. */
export const promiseTravels = z.strictObject({
  tbl: z.literal('promises'),
  gid,
  version: z.literal(1),
  row: promiseRow,
});
export const paymentPlanTravels = z.strictObject({
  tbl: z.literal('payment_plans'),
  gid,
  version,
  row: paymentPlanRow,
});
