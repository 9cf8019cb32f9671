import { z } from 'zod';
import type { Db, ReadDb } from '../db/open';
import { all, run } from '../db/query';
import type { LateLine } from './late-money-lines';

/**
 * The texts blanked from late records, by account, and the late write-offs' own lines not
 * found yet: kept across the pages of one pull, since a page may end between a record and
 * the history line quoting it, in either order (deidentified.ts). Between pages they are in
 * the file (`sync_quoted`, migration 80), not in memory: a desk closed between two pages goes
 * on at its next start from the page after, where the line may be.
 */
export interface Quoted {
  texts: Map<number, string[]>;
  lines: LateLine[];
}

/** Nothing quoted yet: a pull's start. */
export const noneQuoted = (): Quoted => ({ texts: new Map(), lines: [] });

const lateLine = z.strictObject({
  accountId: z.number().int(),
  claimId: z.number().int().nullable(),
  userId: z.number().int(),
  at: z.string(),
  bodies: z.array(z.tuple([z.string(), z.string()])),
});

/** What the last page of the pull left for the next, if it was not the last. */
export function readQuoted(db: ReadDb): Quoted {
  const quoted = noneQuoted();
  for (const q of all<{ accountId: number; text: string | null; line: string | null }>(
    db,
    `SELECT account_id AS accountId, text, line FROM sync_quoted ORDER BY rowid`,
  )) {
    if (q.text !== null) {
      quoted.texts.set(q.accountId, [...(quoted.texts.get(q.accountId) ?? []), q.text]);
    } else if (q.line !== null) {
      const line = lateLine.parse(JSON.parse(q.line));
      quoted.lines.push({ ...line, bodies: new Map(line.bodies) });
    }
  }
  return quoted;
}

/**
 * Keeps what the next page needs, in the page's transaction; none after the last page, since
 * the texts name the person.
 */
export function keepQuoted(db: Db, quoted: Quoted): void {
  run(db, `DELETE FROM sync_quoted`);
  for (const [accountId, texts] of quoted.texts) {
    for (const text of new Set(texts)) {
      run(db, `INSERT INTO sync_quoted (account_id, text) VALUES (?, ?)`, accountId, text);
    }
  }
  for (const l of quoted.lines) {
    run(
      db,
      `INSERT INTO sync_quoted (account_id, line) VALUES (?, ?)`,
      l.accountId,
      JSON.stringify({
        accountId: l.accountId,
        claimId: l.claimId,
        userId: l.userId,
        at: l.at,
        bodies: [...l.bodies],
      } satisfies z.input<typeof lateLine>),
    );
  }
}
