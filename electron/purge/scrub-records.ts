import type { AccountId } from '../../shared/ids';
import type { Db } from '../db/open';
import { all, one, run } from '../db/query';
import { withCaptureOff } from '../office/capture';
import { REMOVED } from '../../shared/api/purge';

const escaped = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The text with each of `texts` (longest first) replaced by the marker where it stands as
 * words of its own: "Ann" goes from "Ann called", not from "Annual".
 */
export function withoutIdentifiers(text: string, texts: readonly string[]): string {
  return texts.reduce(
    (out, t) =>
      out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped(t)}(?![\\p{L}\\p{N}])`, 'gu'), REMOVED),
    text,
  );
}

/**
 * The free-text columns of the collection records a person types about an account, and of a
 * request waiting for approval (its memo, its decision note), which can spell the patient's
 * name ("Eleanor Testwell's daughter disputes the bill"): the scrub takes the person's names
 * out of them as out of the notes. A contact restriction's attorney columns are the
 * attorney's, not the patient's, and stay; so does a refund's reference, the check number its
 * receipt carries (a money row, never rewritten). Server migrations 23 and 37 list the same
 * columns by their server names and wire fields (purge-texts.test.ts keeps the two in step).
 */
export const PERSON_TEXTS = {
  contact_restrictions: ['note', 'lift_reason'],
  collection_holds: ['note'],
  statement_hold_releases: ['reason'],
  payment_plans: ['end_reason'],
  promises: ['note'],
  assistance_applications: ['decision_note', 'missing'],
  bad_debt_moves: ['undo_reason'],
  agency_placements: ['recall_reason'],
  extraordinary_actions: ['note', 'reversal_reason'],
  adjustment_requests: ['memo', 'decision_note'],
} as const satisfies Record<string, readonly string[]>;

/**
 * The memo of a ledger row and of a receipt: free text a person typed (a write-off's reason,
 * an approved request's memo copied into the row it posted: "Small balance write-off: Write off
 * per Eleanor Testwell's hardship call."), scrubbed as the records' texts are. Only the memo:
 * amounts, dates, kinds and references are money and never change, so no balance or total
 * moves. The desk's insert-only triggers let through only such a rewrite (migration 78), the
 * server's only inside its purge (server migration 38).
 */
export const MONEY_TEXTS = {
  ledger_entries: ['memo'],
  receipts: ['memo'],
} as const satisfies Record<string, readonly string[]>;

/** Every free text the scrub takes a de-identified person's names out of, by table. */
export const SCRUBBED_TEXTS = { ...PERSON_TEXTS, ...MONEY_TEXTS };

type PersonTexts = typeof SCRUBBED_TEXTS;
export type PersonTextTable = keyof PersonTexts;

/**
 * When each free text was written: a record arriving after a de-identification is blanked
 * only in what was typed before it (see `blankedIfWrittenBefore`). A text typed at a change
 * (a lifting, an ending, a recall) is as old as the change. An application's missing items
 * are kept up to date without a time of their own, so they count from the application's
 * recording, the earliest they can be.
 */
export const WRITTEN_AT: {
  [T in PersonTextTable]: Record<PersonTexts[T][number], string>;
} = {
  contact_restrictions: { note: 'recorded_at', lift_reason: 'lifted_at' },
  collection_holds: { note: 'opened_at' },
  statement_hold_releases: { reason: 'released_at' },
  payment_plans: { end_reason: 'ended_at' },
  promises: { note: 'created_at' },
  assistance_applications: { decision_note: 'decided_on', missing: 'recorded_at' },
  bad_debt_moves: { undo_reason: 'undone_at' },
  agency_placements: { recall_reason: 'recalled_at' },
  extraordinary_actions: { note: 'taken_at', reversal_reason: 'reversed_at' },
  adjustment_requests: { memo: 'requested_at', decision_note: 'decided_at' },
  // a money row's memo is typed as it is posted
  ledger_entries: { memo: 'created_at' },
  receipts: { memo: 'created_at' },
};

export const isPersonTextTable = (tbl: string): tbl is PersonTextTable =>
  Object.hasOwn(SCRUBBED_TEXTS, tbl);

/** Columns holding a JSON array of texts a person typed: each text scrubbed, the array kept. */
export const LISTS: ReadonlySet<string> = new Set(['assistance_applications.missing']);

/** A JSON array of texts read as one, or null for any other text (kept a text). */
function textsOf(text: string): string[] | null {
  try {
    const parsed: unknown = JSON.parse(text);
    const items: unknown[] | null = Array.isArray(parsed) ? parsed : null;
    return items?.every((t): t is string => typeof t === 'string') ? items : null;
  } catch {
    return null;
  }
}

/** The text scrubbed; a JSON array of texts (`LISTS`) scrubbed item by item and kept valid. */
export function scrubbedText(text: string, list: boolean, texts: readonly string[]): string {
  const items = list ? textsOf(text) : null;
  if (items) {
    const out = items.map((t) => withoutIdentifiers(t, texts));
    return out.every((t, i) => t === items[i]) ? text : JSON.stringify(out);
  }
  return withoutIdentifiers(text, texts);
}

/**
 * Takes `texts` out of the collection records' and requests' free texts and the money rows'
 * memos on the accounts (SCRUBBED_TEXTS), in place. With the capture held off: the office's server takes them out of its own rows in
 * the purge that applies the de-identification, as it does the notes, and a change sent
 * instead would move a lifted restriction or an ended plan one version on (refused there)
 * and cannot reach an insert-only release or promise at all. The desk's own keep-as-recorded
 * triggers let through only such a rewrite (migrations 65 and 78; a money row's update is
 * never captured at all). Returns how many rows changed.
 */
export function scrubPersonTexts(
  db: Db,
  accountIds: readonly AccountId[],
  texts: readonly string[],
): number {
  if (texts.length === 0 || accountIds.length === 0) return 0;
  return withCaptureOff(db, () => {
    let rewritten = 0;
    for (const [tbl, columns] of Object.entries(SCRUBBED_TEXTS)) {
      const rows = all<Record<string, string | number | null>>(
        db,
        `SELECT id, ${columns.join(', ')} FROM ${tbl}
          WHERE account_id IN (SELECT value FROM json_each(?))`,
        JSON.stringify(accountIds),
      );
      for (const r of rows) {
        const changed = columns.flatMap((c) => {
          const was = r[c];
          if (typeof was !== 'string') return [];
          const now = scrubbedText(was, LISTS.has(`${tbl}.${c}`), texts);
          return now === was ? [] : [[c, now] as const];
        });
        if (changed.length === 0) continue;
        run(
          db,
          `UPDATE ${tbl} SET ${changed.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`,
          ...changed.map(([, v]) => v),
          r.id,
        );
        rewritten += 1;
      }
    }
    return rewritten;
  });
}

/** The text with nothing of what was typed left: a list keeps its items' count, each blanked. */
function blanked(text: string, list: boolean): string {
  if (text.includes(REMOVED)) return text;
  const items = list ? textsOf(text) : null;
  return items ? JSON.stringify(items.map((t) => (t.includes(REMOVED) ? t : REMOVED))) : REMOVED;
}

/**
 * A collection record or money row that reached this desk after it de-identified the person
 * (written at a desk that was offline): its names can no longer be looked for here, so each text typed
 * before `deidentifiedAt` is replaced by the marker whole, as a late note is; one typed later
 * was typed knowing, and one already holding the marker was scrubbed where it was written.
 * With the capture held off, as every scrub: the server keeps its own copy as sent. Returns
 * the texts it took out (a list's items), for the history lines that quote them.
 */
export function blankedIfWrittenBefore(
  db: Db,
  tbl: PersonTextTable,
  id: number,
  deidentifiedAt: string,
): string[] {
  const texts: Record<string, string> = WRITTEN_AT[tbl];
  const columns = Object.keys(texts);
  const row = one<Record<string, string | null>>(
    db,
    `SELECT ${columns.map((c) => `${c}, ${texts[c]} AS "at:${c}"`).join(', ')} FROM ${tbl}
      WHERE id = ?`,
    id,
  );
  if (!row) return [];
  const gone: string[] = [];
  const changed = columns.flatMap((c) => {
    const was = row[c];
    const at = row[`at:${c}`];
    if (typeof was !== 'string' || !at || at >= deidentifiedAt) return [];
    const list = LISTS.has(`${tbl}.${c}`);
    const now = blanked(was, list);
    if (now === was) return [];
    gone.push(...((list ? textsOf(was) : null) ?? [was]).filter((t) => !t.includes(REMOVED)));
    return [[c, now] as const];
  });
  if (changed.length === 0) return [];
  withCaptureOff(db, () =>
    run(
      db,
      `UPDATE ${tbl} SET ${changed.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`,
      ...changed.map(([, v]) => v),
      id,
    ),
  );
  return gone;
}
