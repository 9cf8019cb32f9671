import type { Change } from '../wire';

/**
 * What travels inside a record's row beside its columns, kept on the server as one jsonb
 * column of it: a payment plan's installments, whole (record-columns-plans.ts), and a claim's
 * or a claim line's providers (server migration 33). The value is sent as JSON text:
 * node-postgres would make a JavaScript array a PostgreSQL one. Providers absent from a row
 * (sent by an older version) leave the server's as they are.
 */
export function embeddedColumns(c: Change): [column: string, value: string][] {
  if (c.tbl === 'payment_plans') return [['installments', JSON.stringify(c.row.installments)]];
  if ((c.tbl === 'claims' || c.tbl === 'claim_lines') && c.row.providers !== undefined) {
    return [['providers', JSON.stringify(c.row.providers)]];
  }
  return [];
}

/**
 * The same fields read back from the server's row (as `to_jsonb` gives it); a claim or line
 * the office holds no providers for (sent before they travelled) says nothing of them.
 */
export function embeddedFields(tbl: string, j: Record<string, unknown>): Record<string, unknown> {
  if (tbl === 'payment_plans') return { installments: j.installments };
  if ((tbl === 'claims' || tbl === 'claim_lines') && j.providers !== null) {
    return { providers: j.providers };
  }
  return {};
}
