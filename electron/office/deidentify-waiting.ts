import { z } from 'zod';
import { REMOVED } from '../../shared/api/purge';
import type { AccountId, UserId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import type { Db, ReadDb } from '../db/open';
import { all, one, run } from '../db/query';
import { removeFiledFiles } from '../purge/files';
import { scrubPersonRows } from '../purge/scrub';
import { withCaptureOff } from './capture';
import { localIdOf, officeLink } from './gids';
import { deidentifies } from './server/purge';
import type { Change, ServerRow } from './wire';

/*
 * At an office desk a de-identification waits for the office's answer before the desk scrubs
 * its copy (migration 80). The office may refuse it (another desk changed the person first):
 * a desk that had scrubbed at once kept its notes, texts and memos scrubbed while the office
 * held them as typed, its files deleted, and could not de-identify her again. Waiting, the
 * desk has nothing to put back: refused, it takes the office's row of her and drops the
 * de-identification; accepted, it scrubs as a standalone desktop does at once.
 */

/** Her row's details the de-identification replaces, as they were before it. */
const personBefore = z.strictObject({
  first_name: z.string(),
  middle_name: z.string().nullable(),
  last_name: z.string(),
  date_of_birth: z.string().nullable(),
  phone: z.string().nullable(),
  phone_digits: z.string().nullable(),
  deceased_source: z.string().nullable(),
});
const COLUMNS = Object.keys(personBefore.shape);

interface Waiting {
  person: z.infer<typeof personBefore>;
  texts: string[];
  doneBy: UserId;
}

/** The accounts the person is the patient or the guarantor of: what her scrub reaches. */
export function accountsOf(db: ReadDb, personId: number): AccountId[] {
  return all<{ id: AccountId }>(
    db,
    `SELECT id FROM accounts WHERE ? IN (patient_id, guarantor_id) ORDER BY id`,
    personId,
  ).map((a) => a.id);
}

/** Whether a de-identification made now waits for the office: at a desk linked to one. */
export const waitsForTheOffice = (db: ReadDb): boolean => officeLink(db) !== undefined;

/**
 * Keeps, beside the de-identification just recorded, what the scrub needs once the office has
 * taken it: `texts`, read while her row still names her, and her row's details as they are.
 * Call it before her row is written over.
 */
export function waitForTheOffice(db: Db, personId: number, texts: readonly string[]): void {
  run(
    db,
    `INSERT INTO deidentifications_waiting (person_id, person, texts)
       SELECT id, json_object(${COLUMNS.map((c) => `'${c}', ${c}`).join(', ')}), ?
         FROM people WHERE id = ?`,
    JSON.stringify(texts),
    personId,
  );
}

function waitingOf(db: ReadDb, personId: number): Waiting | undefined {
  const row = one<{ person: string; texts: string; doneBy: UserId }>(
    db,
    `SELECT w.person, w.texts, d.done_by AS doneBy
       FROM deidentifications_waiting w JOIN deidentifications d USING (person_id)
      WHERE w.person_id = ?`,
    personId,
  );
  if (!row) return undefined;
  return {
    person: personBefore.parse(JSON.parse(row.person)),
    texts: z.array(z.string()).parse(JSON.parse(row.texts)),
    doneBy: row.doneBy,
  };
}

/**
 * The texts naming a person whose de-identification here waits, taken out of waiting: the
 * office has it now (another desk's, taken by deidentified.ts), and the caller scrubs.
 */
export function stopWaiting(db: Db, personId: number): string[] | undefined {
  const waiting = waitingOf(db, personId);
  run(db, `DELETE FROM deidentifications_waiting WHERE person_id = ?`, personId);
  return waiting?.texts;
}

/** The texts naming a person whose de-identification here waits, or undefined. */
export const waitingTexts = (db: ReadDb, personId: number): string[] | undefined =>
  waitingOf(db, personId)?.texts;

/**
 * The office has taken this desk's de-identification of the person: the desk scrubs its copy
 * now as a standalone desktop does at once (scrubPersonRows, with the texts kept while she was
 * named), and deletes her accounts' filed files as the person who de-identified her.
 */
function finish(ctx: Ctx, personId: number): void {
  const waiting = waitingOf(ctx.db, personId);
  if (!waiting) return;
  const accountIds = accountsOf(ctx.db, personId);
  withCaptureOff(ctx.db, () => scrubPersonRows(ctx.db, personId, accountIds, waiting.texts));
  run(ctx.db, `DELETE FROM deidentifications_waiting WHERE person_id = ?`, personId);
  removeFiledFiles({ ...ctx, userId: waiting.doneBy }, accountIds);
}

/** An entry the office accepted: each de-identification in it finished here. */
export function finishAccepted(ctx: Ctx, changes: readonly Change[]): void {
  for (const c of changes) {
    const id = deidentifies(c) ? localIdOf(ctx.db, 'people', c.gid) : undefined;
    if (id !== undefined) finish(ctx, id);
  }
}

/**
 * Every de-identification still waiting finished here: the desk is standalone again (its
 * upload to a new office failed) and its outbox, with the de-identifications in it, is gone.
 */
export function finishAllWaiting(ctx: Ctx): void {
  for (const { id } of all<{ id: number }>(
    ctx.db,
    `SELECT person_id AS id FROM deidentifications_waiting ORDER BY person_id`,
  )) {
    finish(ctx, id);
  }
}

/** Said with a refused de-identification, which undoRefusedDeidentifications undid. */
export const NOT_DEIDENTIFIED =
  'The person was not de-identified: nothing was scrubbed or deleted on this desktop, which now ' +
  "holds the office's record of them, their notes and texts as the office does. Check what " +
  'changed, then de-identify them again.';

/** Said with a refused de-identification of a person the office had de-identified already. */
export const DEIDENTIFIED_ALREADY =
  'The office had de-identified the person already, from another desktop; this desktop took ' +
  'that de-identification. Nothing to redo.';

/**
 * After the office refused entries and this copy took the office's rows (take-refused.ts):
 * each de-identification among them still waiting here is undone, so the person can be
 * de-identified again. The office's row of her was taken; where it sent none (a first-copy
 * person nobody changed at the office, refused with other work) her row's details go back to
 * what they were, which is what the office's first copy holds. Then the de-identification
 * goes, and what waited with it. Returns the people it undid (`undone`) and those whose row
 * the office sent back de-identified already (`already`: another desk's de-identification,
 * taken by deidentified.ts), by office-wide id.
 */
export function undoRefusedDeidentifications(
  db: Db,
  changes: readonly Change[],
  office: readonly ServerRow[],
): { undone: Set<string>; already: Set<string> } {
  const undone = new Set<string>();
  const already = new Set<string>();
  const deidentifiedAtTheOffice = (gid: string) =>
    office.some(
      (r) =>
        r.tbl === 'people' &&
        r.gid === gid &&
        r.row.firstName === REMOVED &&
        r.row.lastName === REMOVED,
    );
  for (const c of changes) {
    const id = deidentifies(c) ? localIdOf(db, 'people', c.gid) : undefined;
    if (id === undefined) continue;
    const waiting = waitingOf(db, id);
    if (!waiting) {
      if (deidentifiedAtTheOffice(c.gid)) already.add(c.gid);
      continue;
    }
    if (removedHere(db, id)) {
      withCaptureOff(db, () =>
        run(
          db,
          `UPDATE people SET ${COLUMNS.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`,
          { ...waiting.person, id },
        ),
      );
    }
    run(db, `DELETE FROM deidentifications WHERE person_id = ?`, id);
    undone.add(c.gid);
  }
  return { undone, already };
}

function removedHere(db: ReadDb, personId: number): boolean {
  return (
    one(
      db,
      `SELECT 1 AS n FROM people WHERE id = ? AND first_name = ? AND last_name = ?`,
      personId,
      REMOVED,
      REMOVED,
    ) !== undefined
  );
}
