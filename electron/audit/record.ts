import type { MethodName } from '../../shared/api/contract';
import type { Access } from '../../shared/api/method';
import type { Ctx } from '../core/context';
import { AUDIT_RULES } from './records';
import { WORKSTATION } from './chain';
import { flushTrail, recordEntry } from './trail';

/** An entry keeps this many ids of each kind; a larger answer says how many more it held. */
const MAX_IDS = 1_000;
/** The request as asked, shortened: filters and search words, not a file's text. */
const MAX_DETAIL = 500;
const MAX_STRING = 300;

function ids(list: number[]): { text: string; more: number } {
  const kept = list.slice(0, MAX_IDS);
  return { text: kept.length > 0 ? `,${kept.join(',')},` : '', more: list.length - kept.length };
}

/** A PIN or password is never written down, not even in the trail that records its change. */
const SECRET_KEYS = new Set(['secret', 'current', 'password', 'pin']);

function detailOf(input: unknown, more: number): string {
  const text = JSON.stringify(input ?? {}, (key, value: unknown) =>
    SECRET_KEYS.has(key)
      ? '(not kept)'
      : typeof value === 'string' && value.length > MAX_STRING
        ? `${value.slice(0, MAX_STRING)}… (${value.length} characters)`
        : value,
  );
  const shown = text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text;
  return more > 0 ? `${shown} (and ${more} more records)` : shown;
}

/**
 * Records a request that succeeded: called by dispatch once the answer is ready and before
 * it goes back. A read of no patient data (the office's settings) is not recorded; every
 * write is.
 */
export function auditCall(
  ctx: Ctx,
  method: MethodName,
  access: Access,
  input: unknown,
  output: unknown,
): void {
  const rule = AUDIT_RULES[method];
  if (rule === 'not patient data' && access === 'read') return;
  const found =
    rule === 'not patient data'
      ? { accounts: [], documents: [] }
      : rule.recorded(ctx.db, input, output);
  const accounts = ids(found.accounts);
  const documents = ids(found.documents);
  recordEntry(ctx.db, ctx.databasePath, {
    at: ctx.clock.now(),
    userId: ctx.userId,
    workstation: WORKSTATION,
    method,
    access,
    accounts: accounts.text,
    documents: documents.text,
    detail: detailOf(input, accounts.more + documents.more),
    uid: null,
  });
}

/** Reads of the trail itself, which must show every entry recorded before them. */
const READ_THE_TRAIL: ReadonlySet<MethodName> = new Set(['listAuditTrail', 'verifyAuditTrail']);

/** Whether beforeCall writes for this method (the trail's waiting views moved into the chain). */
export const movesTrailFirst = (method: MethodName): boolean => READ_THE_TRAIL.has(method);

/** Called by dispatch before a request starts: views of the last second join the chain first. */
export function beforeCall(ctx: Ctx, method: MethodName): void {
  if (READ_THE_TRAIL.has(method)) flushTrail(ctx.db);
}
