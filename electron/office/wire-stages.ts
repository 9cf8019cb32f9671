import { z } from 'zod';
import { cents, gid, isoDate } from './wire-fields';

/** An instant as `Clock.now` writes it (the server's trigger holds a row to the same). */
export const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/**
 * Where an account's statements stand in its guarantor's cycle (`dunning_stages`): the stage
 * the last statement went out at, when the cycle counts from, how many went and what the last
 * asked for. Named `stage:<account's gid>` on every copy: an account has one.
 */
export const dunningStageRow = z.strictObject({
  accountGid: gid,
  guarantorGid: gid,
  stage: z.number().int().min(0).max(4),
  firstStatementDate: isoDate,
  statementsSent: z.number().int().min(0),
  lastStatementDate: isoDate.nullable(),
  lastAmountDue: cents.nullable(),
  source: z.enum(['statement', 'import']),
  // an instant as the clock writes it: the order compares it as text, alike everywhere
  updatedAt: z.string().regex(INSTANT),
});
export type DunningStageRow = z.infer<typeof dunningStageRow>;

export const dunningStageTravels = z.strictObject({
  tbl: z.literal('dunning_stages'),
  gid,
  version: z.number().int().min(1),
  row: dunningStageRow,
});

/**
 * The order in which one account's stage rows follow each other: a later cycle (a balance
 * paid off and owed again starts one), then in one cycle the harsher stage, so wording never
 * goes back to gentler, then more statements sent, the later statement, the later write; the
 * rest only so that two rows are never equal in order yet different. Each copy and the server
 * keep the later of two (`laterStage` here, migration 26's trigger and the server's upsert
 * from the same list), so stage rows never clash: a statement printed is a fact, and a run is
 * never refused over it. Every text compared is ASCII (dates, the instant, the source), so
 * a desk and the server order them alike.
 */
export const STAGE_ORDER = [
  // [field, server column, the server's stand-in for none, for a nullable column]
  ['firstStatementDate', 'first_statement_date'],
  ['stage', 'stage'],
  ['statementsSent', 'statements_sent'],
  ['lastStatementDate', 'last_statement_date', "''"],
  ['updatedAt', 'updated_at'],
  ['lastAmountDue', 'last_amount_due', '0'],
  ['source', 'source'],
] as const satisfies readonly (readonly [keyof DunningStageRow, string, string?])[];

/** Nulls first: a row with no last statement is earlier than any with one. Texts by code point. */
function compared(x: string | number | null, y: string | number | null): number {
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  // by code point, as the server's "C" collation orders UTF-8
  return Buffer.compare(Buffer.from(String(x)), Buffer.from(String(y)));
}

/** Whether `a` comes after `b` in STAGE_ORDER. */
export function laterStage(a: DunningStageRow, b: DunningStageRow): boolean {
  for (const [field] of STAGE_ORDER) {
    const order = compared(a[field], b[field]);
    if (order !== 0) return order > 0;
  }
  return false;
}
