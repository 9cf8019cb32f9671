import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REMOVED } from '../../shared/api/purge';
import { isoDate } from '../../shared/dates/iso-date';
import type { AccountId, PersonId } from '../../shared/ids';
import { fixedClock } from '../core/context';
import { all, run } from '../db/query';
import { changes as changesSchema, serverRow, type Change } from '../office/wire';
import { addAccount, addPerson, makeSupervisor } from '../testing/builders';
import { call } from '../testing/call';
import { createTestCtx, type TestCtx } from '../testing/test-db';

/*
 * A desk that was in an office keeps its refused entries (`not_synced`, dismissed or not) and
 * the rows it could not place (`sync_held`). De-identifying a person at that desk takes her
 * names out of those that are hers, as the server's purge does of its copy of the reason.
 */

let ctx: TestCtx;
let eleanor: PersonId;
let hers: AccountId;
let other: AccountId;
beforeEach(() => {
  ctx = createTestCtx(); // today 2026-03-16
  makeSupervisor(ctx);
  const then = { ...ctx, clock: fixedClock(isoDate('2015-06-01')) };
  eleanor = addPerson(ctx, {
    first: 'Eleanor',
    last: 'Testwell',
    dob: '1931-05-02',
    phone: '207-555-0101',
  });
  hers = addAccount(then, { patientId: eleanor, number: 'D-1' }).accountId;
  other = addAccount(then, { number: 'D-2' }).accountId;
  call(then, 'recordDeath', {
    accountId: hers,
    personId: eleanor,
    deceasedDate: '2015-05-20',
    source: 'Obituary',
  });
  run(ctx.db, `UPDATE follow_ups SET status = 'done' WHERE account_id = ?`, hers);
  run(ctx.db, `UPDATE accounts SET status = 'closed' WHERE id = ?`, hers);
});
afterEach(() => ctx.close());

const note = (accountId: number, body: string): Change => ({
  tbl: 'activities',
  gid: `desk-1:${accountId}`,
  version: 1,
  op: 'insert',
  baseVersion: 0,
  row: {
    accountGid: `base:${accountId}`,
    claimGid: null,
    kind: 'note',
    direction: null,
    party: null,
    outcome: null,
    body,
    userGid: 'user:rep.1',
    occurredAt: '2026-03-10T10:00:00.000Z',
  },
});

const refused = (seq: number, reason: string, changes: Change[], dismissed: boolean) =>
  run(
    ctx.db,
    `INSERT INTO not_synced (seq, created_at, user_id, changes, reason, refused_at, dismissed_at)
     VALUES (?, '2026-03-10T10:00:00.000Z', ?, ?, ?, '2026-03-10T10:01:00.000Z', ?)`,
    seq,
    ctx.userId,
    JSON.stringify(changes),
    reason,
    dismissed ? '2026-03-11T09:00:00.000Z' : null,
  );

const held = (gid: string, accountId: number, reason: string) =>
  run(
    ctx.db,
    `INSERT INTO sync_held (tbl, gid, version, row) VALUES ('follow_ups', ?, 1, ?)`,
    gid,
    JSON.stringify({
      accountGid: `base:${accountId}`,
      claimGid: null,
      kind: 'call_patient',
      status: 'open',
      dueDate: '2026-03-20',
      deadlineDate: null,
      ownerGid: null,
      reason,
      createdAt: '2026-03-10T10:00:00.000Z',
      createdBy: 'user:rep.1',
      completedAt: null,
      completedBy: null,
    }),
  );

const notSynced = () =>
  all<{ seq: number; reason: string; changes: string }>(
    ctx.db,
    `SELECT seq, reason, changes FROM not_synced ORDER BY seq`,
  ).map((r) => ({ ...r, changes: changesSchema.parse(JSON.parse(r.changes)) }));

describe('de-identifying a person at a desk that was in an office', () => {
  it("takes her names out of her not-synced entries and held rows, and keeps others'", () => {
    const person: Change = {
      tbl: 'people',
      gid: `base:${eleanor}`,
      version: 2,
      op: 'update',
      baseVersion: 1,
      row: {
        lastName: 'Testwell',
        firstName: 'Eleanor',
        middleName: null,
        dateOfBirth: '1931-05-02',
        sex: 'F',
        phone: '207-555-0101',
        phoneDigits: '2075550101',
        returnedMail: 0,
        deceasedDate: '2015-05-20',
        deceasedSource: 'Obituary',
        createdAt: '2015-06-01T10:00:00.000Z',
      },
    };
    refused(
      1,
      'Already refused by Rita Representative (Eleanor Testwell has not sent the letter.).',
      [note(hers, 'Ask "Eleanor Testwell" for proof of income.')],
      true,
    );
    refused(2, 'Someone changed Testwell, Eleanor first.', [person], false);
    // another patient's entry that quotes the same words is not hers: kept as refused
    refused(3, 'Eleanor Testwell was refused too.', [note(other, 'Eleanor Testwell')], false);
    held('desk-2:7', hers, 'Call Eleanor Testwell at 207-555-0101');
    held('desk-2:8', other, 'Call Eleanor Testwell');
    const before = notSynced();

    call(ctx, 'deidentifyPerson', { accountId: hers, personId: eleanor, reason: 'Retention over' });

    const after = notSynced();
    expect(after.map((r) => r.reason)).toEqual([
      `Already refused by Rita Representative (${REMOVED} has not sent the letter.).`,
      `Someone changed ${REMOVED} first.`,
      'Eleanor Testwell was refused too.',
    ]);
    // still the entries as sent, valid, her texts without her names
    expect(after[0]?.changes).toEqual([note(hers, `Ask "${REMOVED}" for proof of income.`)]);
    expect(after[1]?.changes).toEqual([
      {
        ...person,
        row: {
          ...person.row,
          lastName: REMOVED,
          firstName: REMOVED,
          dateOfBirth: null,
          phone: null,
          phoneDigits: null,
          deceasedSource: null,
        },
      },
    ]);
    expect(after[2]).toEqual(before[2]);
    const rows = all<{ gid: string; version: number; row: string }>(
      ctx.db,
      `SELECT tbl, gid, version, row FROM sync_held ORDER BY gid`,
    ).map((r) => serverRow.parse({ ...r, row: JSON.parse(r.row) }));
    expect(rows.map((r) => (r.tbl === 'follow_ups' ? r.row.reason : null))).toEqual([
      `Call ${REMOVED} at ${REMOVED}`,
      'Call Eleanor Testwell',
    ]);
  });
});
