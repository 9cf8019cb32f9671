import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REMOVED } from '../../shared/api/purge';
import type { AccountId } from '../../shared/ids';
import { all, oneOrThrow, run } from '../db/query';
import { call } from '../testing/call';
import { eleanor, NAME } from '../testing/office/eleanor';
import { joinOffice } from '../testing/office/not-synced-rows';
import { addAccount } from '../testing/builders';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { withCaptureOff } from './capture';
import { finishAccepted, finishAllWaiting, NOT_DEIDENTIFIED } from './deidentify-waiting';
import { unlinkOffice } from './link';
import { outboxEntries, refusedWithFollowers, takeServerState } from './take-refused';

/*
 * At an office desk a de-identification scrubs nothing until the office answers. These take
 * the answer as the sync worker does, on a real file and without a server: the office taking
 * it, the office refusing it with no row of the person to send back (a first-copy person no
 * desk changed, refused with other work), and the desk made standalone again before it answered.
 */

let ctx: TestCtx;
let hers: AccountId;
beforeEach(() => {
  ctx = createTestCtx();
  hers = addAccount(ctx).accountId;
  eleanor(ctx, hers);
  run(ctx.db, `UPDATE follow_ups SET status = 'done'`);
  run(ctx.db, `UPDATE accounts SET status = 'closed'`);
  joinOffice(ctx);
});
afterEach(() => ctx.close());

const deidentify = () =>
  call(ctx, 'deidentifyPerson', {
    accountId: hers,
    personId: oneOrThrow<{ id: number }>(ctx.db, `SELECT patient_id AS id FROM accounts`).id,
    reason: 'Retention period over',
  });

/** What names her outside her own row. */
const texts = () =>
  all<{ t: string }>(
    ctx.db,
    `SELECT body AS t FROM activities UNION ALL SELECT line1 FROM addresses`,
  ).map((r) => r.t);

const person = () =>
  oneOrThrow(ctx.db, `SELECT first_name AS first, last_name AS last, phone FROM people`);

/** As the sync worker writes: one transaction, the capture off. */
const asWorker = (work: () => void) => ctx.db.transaction(() => withCaptureOff(ctx.db, work))();

describe('a de-identification at an office desk', () => {
  it('scrubs nothing until the office takes it, then as a standalone desk does', () => {
    const done = deidentify();
    expect(done).toMatchObject({ historyRowsRewritten: 0, filesRemoved: 0 });
    expect(done.waitsForTheOffice).toBe(true);
    expect(person()).toEqual({ first: REMOVED, last: REMOVED, phone: null });
    expect(texts().filter((t) => NAME.test(t))).toHaveLength(2);
    // its history line and her row go in one entry: refused, the line goes with it
    const entries = outboxEntries(ctx.db);
    expect(entries.map((e) => e.changes.map((c) => c.tbl))).toEqual([['activities', 'people']]);
    expect(() => deidentify()).toThrow(/waits for its answer/);

    asWorker(() => finishAccepted(ctx, entries[0]?.changes ?? []));
    expect(texts().filter((t) => NAME.test(t))).toEqual([]);
    expect(texts()).toContain(`${REMOVED} paid in full; daughter confirmed ${REMOVED}.`);
    expect(all(ctx.db, `SELECT person_id FROM deidentifications_waiting`)).toEqual([]);
    expect(() => run(ctx.db, `DELETE FROM deidentifications`)).toThrow(/kept as made/);
    expect(() => deidentify()).toThrow(/already de-identified/);
  });

  it('refused with no row of her from the office, is undone to her row as it was', () => {
    deidentify();
    const [entry] = outboxEntries(ctx.db);
    const reason = 'The office has no such person.';
    asWorker(() =>
      takeServerState(
        ctx.db,
        refusedWithFollowers(ctx.db, entry?.seq ?? 0, reason),
        [],
        ctx.clock.now(),
      ),
    );
    expect(person()).toEqual({ first: 'Eleanor', last: 'Testwell', phone: '207-555-0101' });
    expect(texts().filter((t) => NAME.test(t))).toHaveLength(2);
    expect(all(ctx.db, `SELECT 1 FROM activities WHERE body LIKE 'De-identified%'`)).toEqual([]);
    expect(all(ctx.db, `SELECT person_id FROM deidentifications`)).toEqual([]);
    expect(all(ctx.db, `SELECT reason FROM not_synced`)).toEqual([
      { reason: `${reason} ${NOT_DEIDENTIFIED}` },
    ]);
    // done again, it waits again
    expect(deidentify().waitsForTheOffice).toBe(true);
  });

  it('made standalone again before the office answered, scrubs as a standalone desk', () => {
    deidentify();
    asWorker(() => {
      finishAllWaiting(ctx);
      unlinkOffice(ctx.db);
    });
    expect(texts().filter((t) => NAME.test(t))).toEqual([]);
    expect(all(ctx.db, `SELECT person_id FROM deidentifications_waiting`)).toEqual([]);
    expect(all(ctx.db, `SELECT person_id FROM deidentifications`)).toHaveLength(1);
  });
});
