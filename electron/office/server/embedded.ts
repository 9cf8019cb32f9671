import type { Change } from '../wire';

/**
 * What travels inside a record's row beside its columns: a payment plan's installments,
 * whole (record-columns-plans.ts), kept on the server as one jsonb column of the plan. The
 * value is sent as JSON text: node-postgres would make a JavaScript array a PostgreSQL one.
 */
export function embeddedColumns(c: Change): [column: string, value: string][] {
  return c.tbl === 'payment_plans' ? [['installments', JSON.stringify(c.row.installments)]] : [];
}

/** The same fields read back from the server's row (as `to_jsonb` gives it). */
export function embeddedFields(tbl: string, j: Record<string, unknown>): Record<string, unknown> {
  return tbl === 'payment_plans' ? { installments: j.installments } : {};
}
