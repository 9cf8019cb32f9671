import type { Column } from './record-columns';

/**
 * A payment plan and a promise to pay as they travel (record-columns.ts spreads these into
 * COLUMNS and NAMING). A plan's installments travel inside its row, whole (`installments`,
 * plan-schedule.ts): they have no id of their own, and an extension both adds installments
 * and tops up the last one, so the schedule changes as one with the plan's version.
 *
 * What the upkeep derives from each desk's own ledger is not here and never travels: a
 * plan's `delinquent`, a promise's status and `resolved_at`. A plan's status is the person's
 * decision (ended as broken or cancelled); paid off is each desk's reading of its ledger,
 * written with the capture off, so it is sent with no change of its own.
 */
export const PLAN_COLUMNS = {
  payment_plans: [
    ['accountGid', 'account_id', 'accounts'],
    // the account's plans counted from 1: two desks making its next plan at once clash here
    ['planNumber', 'plan_number'],
    ['startDate', 'start_date'],
    ['firstDueDate', 'first_due_date'],
    ['monthlyAmount', 'monthly_amount'],
    ['downPayment', 'down_payment'],
    ['graceDays', 'grace_days'],
    ['includeNewCharges', 'include_new_charges'],
    ['paidBefore', 'paid_before'],
    ['createdAt', 'created_at'],
    ['createdBy', 'created_by', 'users'],
    ['status', 'status'],
    ['endedAt', 'ended_at'],
    ['endedBy', 'ended_by', 'users'],
    ['endReason', 'end_reason'],
  ],
  promises: [
    ['accountGid', 'account_id', 'accounts'],
    ['kind', 'kind'],
    ['amount', 'amount'],
    ['dueDate', 'due_date'],
    ['paidBefore', 'paid_before'],
    ['note', 'note'],
    ['createdAt', 'created_at'],
    ['createdBy', 'created_by', 'users'],
  ],
} as const satisfies Record<string, readonly Column[]>;

/** A plan's terms are made once; only its ending (and its schedule, whole) come later. */
export const PLAN_NAMING = {
  payment_plans: [
    'account_id',
    'plan_number',
    'start_date',
    'first_due_date',
    'monthly_amount',
    'down_payment',
    'grace_days',
    'include_new_charges',
    'paid_before',
    'created_by',
  ],
} as const satisfies Record<string, readonly string[]>;
