import { REMOVED } from '../../shared/api/purge';
import { LEDGER_KIND, type LedgerKind } from '../../shared/codes/enums';
import { cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import type { Db } from '../db/open';
import { one, run } from '../db/query';
import { REVERSAL_MEMO } from '../posting/reverse';

/*
 * A direct write-off words its memo twice: in its ledger row ("Small balance: <memo>") and in
 * its own history line ("Small balance write-off of $25.00 posted. <memo>", posting/
 * adjustment.ts). A late one's memo blanked in the row (deidentified.ts) is blanked in that
 * one line too: found whole, as the app wrote it, on its account, by the same user, and only
 * the memo part replaced. A short memo ("cash") is never looked for as a word of other lines.
 */

/** A late write-off's own history line, each way it may have been written and what it becomes. */
export interface LateLine {
  accountId: number;
  claimId: number | null;
  userId: number;
  at: string;
  /** The line as written, for each way the row's memo splits into label and memo, to blanked. */
  bodies: ReadonlyMap<string, string>;
}

/**
 * The history line of a late money row whose memo (`memo`, as typed before it was blanked in
 * the row) was blanked, or null for a row whose line does not word its memo apart: a direct
 * write-off's ("<label> of $X posted. <memo>", its memo "<label>: <memo>") and the reversal of
 * a charge or an adjustment ("<kind> of $X reversed: <reason>", its memo "Reversal: <reason>",
 * posting/reverse.ts). A write-off's label is read from the memo itself, not from this desk's
 * list of reasons, which may word it since.
 */
export function lateMoneyLine(db: Db, ledgerId: number, memo: string): LateLine | null {
  const row = one<{
    accountId: number;
    claimId: number | null;
    userId: number;
    at: string;
    amount: number;
    kind: LedgerKind;
    reversal: number;
    writeOff: number;
  }>(
    db,
    `SELECT account_id AS accountId, claim_id AS claimId, created_by AS userId,
         created_at AS at, amount, kind, reverses_id IS NOT NULL AS reversal,
         (kind = 'adjustment' AND reason_code IS NOT NULL AND amount < 0) AS writeOff
       FROM ledger_entries WHERE id = ?`,
    ledgerId,
  );
  if (!row) return null;
  const amount = formatCents(cents(Math.abs(row.amount)));
  const bodies = new Map<string, string>();
  if (row.reversal) {
    const typed = memo.startsWith(REVERSAL_MEMO) ? memo.slice(REVERSAL_MEMO.length) : '';
    const reversed = `${LEDGER_KIND.labels[row.kind]} of ${amount} reversed:`;
    if (typed.trim() !== '') bodies.set(`${reversed} ${typed}`, `${reversed} ${REMOVED}`);
  } else if (row.writeOff) {
    for (let i = memo.indexOf(': '); i > 0; i = memo.indexOf(': ', i + 1)) {
      const label = memo.slice(0, i);
      const typed = memo.slice(i + 2);
      if (typed.trim() === '') continue;
      const posted = `${label} of ${amount} posted.`;
      bodies.set(`${posted} ${typed}`, `${posted} ${REMOVED}`);
    }
  }
  const { accountId, claimId, userId, at } = row;
  return bodies.size === 0 ? null : { accountId, claimId, userId, at, bodies };
}

/**
 * Blanks the memo part of each late write-off's line this copy holds, one line each (the
 * nearest after the row, of identical lines), and returns those not found yet: the line may
 * come in a later page of the pull (the caller passes them on).
 */
export function blankLateLines(db: Db, lines: readonly LateLine[]): LateLine[] {
  return lines.filter((l) => {
    const line = one<{ id: number; body: string }>(
      db,
      `SELECT id, body FROM activities
        WHERE account_id = ? AND kind = 'system' AND user_id = ? AND claim_id IS ?
          AND body IN (SELECT value FROM json_each(?))
        ORDER BY occurred_at < ?, occurred_at, id LIMIT 1`,
      l.accountId,
      l.userId,
      l.claimId,
      JSON.stringify([...l.bodies.keys()]),
      l.at,
    );
    const blanked = line && l.bodies.get(line.body);
    if (!line || blanked === undefined) return true;
    run(db, `UPDATE activities SET body = ? WHERE id = ?`, blanked, line.id);
    return false;
  });
}
