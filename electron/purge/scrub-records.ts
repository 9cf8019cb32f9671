import type { AccountId } from '../../shared/ids';
import type { Db } from '../db/open';
import { all, run } from '../db/query';
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
 * The free-text columns of the collection records a person types about an account, which
 * can spell the patient's name ("Eleanor Testwell's daughter disputes the bill"): the scrub
 * takes the person's names out of them as out of the notes. A contact restriction's
 * attorney columns are the attorney's, not the patient's, and stay. Server migration 23
 * lists the same columns by their server names and wire fields (purge-texts.test.ts keeps
 * the two in step).
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
} as const satisfies Record<string, readonly string[]>;

/** Columns holding a JSON array of texts a person typed: each text scrubbed, the array kept. */
export const LISTS: ReadonlySet<string> = new Set(['assistance_applications.missing']);

/** The text scrubbed; a JSON array of texts (`LISTS`) scrubbed item by item and kept valid. */
export function scrubbedText(text: string, list: boolean, texts: readonly string[]): string {
  if (list) {
    const parsed: unknown = (() => {
      try {
        return JSON.parse(text);
      } catch {
        return null;
      }
    })();
    if (Array.isArray(parsed) && parsed.every((t) => typeof t === 'string')) {
      const out = parsed.map((t) => withoutIdentifiers(t, texts));
      return out.every((t, i) => t === parsed[i]) ? text : JSON.stringify(out);
    }
  }
  return withoutIdentifiers(text, texts);
}

/**
 * Takes `texts` out of the collection records' free texts on the accounts (PERSON_TEXTS), in
 * place. With the capture held off: the office's server takes them out of its own rows in
 * the purge that applies the de-identification, as it does the notes, and a change sent
 * instead would move a lifted restriction or an ended plan one version on (refused there)
 * and cannot reach an insert-only release or promise at all. The desk's own keep-as-recorded
 * triggers let through only such a rewrite (migration 65). Returns how many rows changed.
 */
export function scrubPersonTexts(
  db: Db,
  accountIds: readonly AccountId[],
  texts: readonly string[],
): number {
  if (texts.length === 0 || accountIds.length === 0) return 0;
  return withCaptureOff(db, () => {
    let rewritten = 0;
    for (const [tbl, columns] of Object.entries(PERSON_TEXTS)) {
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
