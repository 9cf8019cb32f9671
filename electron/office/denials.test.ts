import { expect, it } from 'vitest';
import { addDays, formatUsDate } from '../../shared/dates/iso-date';
import type { AccountId, PayerId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { all, oneOrThrow } from '../db/query';
import { addBilledClaim, addCoverage, addPayer } from '../testing/builders';
import { call } from '../testing/call';
import { payerEdit } from '../testing/payers';
import { appliedAtServer, entriesToSend } from '../testing/office/entries';
import { everyoneSupervisor, syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { serverRows } from '../testing/office/office-copy';
import { serverCount } from '../testing/office/records';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { remitClaim, remittanceFile } from '../testing/remittance';
import { TEST_TODAY } from '../testing/test-db';
import { inWriteTransaction } from '../upkeep/upkeep';
import { withCaptureOff } from './capture';
import { gidOf } from './gids';
import { notSyncedActions } from './not-synced';
import { applyEntry } from './server/apply';
import { takeRows } from './take';
import { changes as changesSchema, type ServerRow } from './wire';

/** The account owes Acme $500.00 on one billed claim of two lines. */
function billed(ctx: Ctx, accountId: AccountId): void {
  const payerId = addPayer(ctx, { name: 'Acme Health', appealWindowDays: 180 });
  addCoverage(ctx, accountId, payerId, 1);
  addBilledClaim(ctx, accountId, payerId, [30_000, 20_000]);
}

/** The same, with every desktop's user a supervisor, who may edit a payer. */
function billedAtSupervisors(ctx: Ctx, accountId: AccountId): void {
  billed(ctx, accountId);
  everyoneSupervisor(ctx);
}

const claimNumber = (ctx: Ctx) =>
  oneOrThrow<{ n: string }>(ctx.db, `SELECT claim_number AS n FROM claims`).n;

/** Acme refuses the whole claim as not medically necessary. */
function importDenial(d: Desktop, trace = 'EFT-D1'): void {
  const text = remittanceFile(
    [
      remitClaim({
        patientControlNumber: claimNumber(d.ctx),
        charge: 50_000,
        paid: 0,
        status: '4',
        adjustments: [{ group: 'CO', reason: '50', amount: 50_000 }],
        remarks: ['N115'],
      }),
    ],
    { trace, date: TEST_TODAY },
  );
  expect(call(d.ctx, 'importFile', { fileName: `${trace}.835`, text }).status).toBe('posted');
}

/** The denials list as a representative sees it, without this copy's own ids. */
function denialsSeen(ctx: Ctx) {
  return call(ctx, 'listDenials', { open: false }).rows.map((r) => ({
    account: r.accountNumber,
    claim: r.claimNumber,
    category: r.category,
    codes: r.codes.map((c) => c.code),
    amount: r.amount,
    deadline: r.deadlineDate,
    state: r.state,
    level: r.appealLevel,
  }));
}

/** Each denial by office-wide id, with its follow-up's and its owner's. */
function denialRows(ctx: Ctx) {
  return all<{ id: number; followUpId: number; state: string; due: string; owner: string | null }>(
    ctx.db,
    `SELECT d.id, d.follow_up_id AS followUpId, d.state, f.due_date AS due, u.username AS owner
       FROM denials d
       JOIN follow_ups f ON f.id = d.follow_up_id LEFT JOIN users u ON u.id = f.owner_id`,
  ).map((d) => ({
    gid: gidOf(ctx.db, 'denials', d.id),
    followUp: gidOf(ctx.db, 'follow_ups', d.followUpId),
    state: d.state,
    due: d.due,
    owner: d.owner,
  }));
}

/** Acme's first appeal window set to `days`; returns how many denials' deadlines moved. */
function newWindow(ctx: Ctx, days: number): number {
  const payerId = oneOrThrow<{ id: PayerId }>(
    ctx.db,
    `SELECT id FROM payers WHERE name = 'Acme Health'`,
  ).id;
  return call(ctx, 'updatePayer', payerEdit(ctx, payerId, { appealWindowDays: days }))
    .deadlinesMoved;
}

const denialId = (ctx: Ctx) => oneOrThrow<{ id: number }>(ctx.db, `SELECT id FROM denials`).id;

const outboxTables = (ctx: Ctx) =>
  all<{ changes: string; partOf: number | null }>(
    ctx.db,
    `SELECT changes, part_of AS partOf FROM outbox ORDER BY seq`,
  ).map((e) => ({
    tables: changesSchema.parse(JSON.parse(e.changes)).map((c) => `${c.op} ${c.tbl}`),
    part: e.partOf !== null,
  }));

describeWithPg('denials across the office', () => {
  it('a denial imported at one desk is listed and worked at the other, and its work comes back', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, billed);
    importDenial(a);
    // the denial goes with the follow-up opened for it, as a part of the posting
    expect(outboxTables(a.ctx)).toContainEqual({
      tables: ['insert follow_ups', 'insert denials'],
      part: true,
    });
    const onA = denialsSeen(a.ctx);
    expect(onA).toEqual([
      expect.objectContaining({
        category: 'medical_necessity',
        codes: ['CO-50', 'N115'],
        amount: 50_000,
        deadline: addDays(TEST_TODAY, 180),
        state: 'new',
      }),
    ]);
    expect(denialsSeen(b.ctx)).toEqual([]);
    await syncAll(a, b);
    expect(denialsSeen(b.ctx)).toEqual(onA);
    expect(denialRows(b.ctx)).toEqual(denialRows(a.ctx));

    // B works it: under review, then the appeal sent, the payer's receipt of it, and B owns it
    const id = denialId(b.ctx);
    call(b.ctx, 'updateDenial', { denialId: id, state: 'in_review' });
    call(b.ctx, 'updateDenial', { denialId: id, state: 'appeal_sent', note: 'Faxed.' });
    call(b.ctx, 'updateDenial', {
      denialId: id,
      state: 'awaiting_payer',
      response: { kind: 'acknowledged', letterDate: TEST_TODAY, reference: 'ACK-1' },
    });
    const accountId = oneOrThrow<{ id: AccountId }>(b.ctx.db, `SELECT id FROM accounts`).id;
    const claimId = oneOrThrow<{ id: number }>(b.ctx.db, `SELECT id FROM claims`).id;
    call(b.ctx, 'setFollowUp', {
      accountId,
      claimId,
      kind: 'denial',
      dueDate: addDays(TEST_TODAY, 20),
      ownerId: b.ctx.userId,
    });
    await syncAll(b, a);

    const onB = denialsSeen(b.ctx);
    expect(onB[0]?.state).toBe('awaiting_payer');
    expect(denialsSeen(a.ctx)).toEqual(onB);
    expect(denialRows(a.ctx)).toEqual(denialRows(b.ctx));
    expect(denialRows(a.ctx)[0]).toMatchObject({ due: addDays(TEST_TODAY, 20), owner: 'rep.2' });
    // the payer's answer, and the history of each move, reached A
    expect(
      all(a.ctx.db, `SELECT level, kind, letter_date AS letter, reference FROM appeal_responses`),
    ).toEqual([{ level: 'first', kind: 'acknowledged', letter: TEST_TODAY, reference: 'ACK-1' }]);
    const history = (ctx: Ctx) =>
      call(ctx, 'getAccount', { accountId })
        .activities.map((x) => x.text)
        .filter((t) => t.startsWith('Deni'));
    expect(history(a.ctx)).toEqual(history(b.ctx));
    expect(history(a.ctx)).toContain('Denial moved from new to in review.');
    expect(history(a.ctx)).toHaveLength(5);
    // three changes from the version the insert made
    expect(await serverRows(server, `SELECT state, version FROM denials`)).toEqual([
      { state: 'awaiting_payer', version: 4 },
    ]);
    expect(await serverCount(server, `SELECT count(*) AS n FROM appeal_responses`)).toBe(1);
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
  });

  it('of two desks changing one denial at once, the second is refused, listed, and takes the office’s', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, billed);
    importDenial(a);
    await syncAll(a, b);
    call(a.ctx, 'updateDenial', { denialId: denialId(a.ctx), state: 'in_review' });
    call(b.ctx, 'updateDenial', { denialId: denialId(b.ctx), state: 'appeal_drafted' });
    expect((await a.sync.sync()).push.refused).toBe(0);
    expect((await b.sync.sync()).push).toEqual({ accepted: 1, refused: 1 });
    await syncAll(a, b);

    expect(await serverRows(server, `SELECT state, version FROM denials`)).toEqual([
      { state: 'in_review', version: 2 },
    ]);
    for (const d of [a, b]) expect(denialsSeen(d.ctx)[0]?.state).toBe('in_review');
    expect(denialRows(b.ctx)).toEqual(denialRows(a.ctx));
    const listed = notSyncedActions(b.ctx.db);
    expect(listed.map((n) => n.reason)).toEqual([
      "Someone changed this claim's denial first at another desktop; this desktop took the office's record of it.",
    ]);
    expect(listed[0]?.changes[0]).toMatchObject({
      tbl: 'denials',
      op: 'update',
      row: { state: 'appeal_drafted' },
    });
    expect(call(b.ctx, 'listNotSynced', {}).actions[0]?.accountNumber).toBe(
      denialsSeen(b.ctx)[0]?.account,
    );
    expect(call(b.ctx, 'listNotSynced', {}).actions[0]?.lines).toEqual([
      `Change to the denial of $500.00; this desktop had it appeal drafted, first level, appeal by ${formatUsDate(addDays(TEST_TODAY, 180))}.`,
    ]);
    expect(notSyncedActions(a.ctx.db)).toEqual([]);

    // B's next change starts from the office's version and lands
    call(b.ctx, 'updateDenial', { denialId: denialId(b.ctx), state: 'appeal_drafted' });
    await syncAll(b, a);
    expect(denialsSeen(a.ctx)[0]?.state).toBe('appeal_drafted');
    expect(await serverRows(server, `SELECT state, version FROM denials`)).toEqual([
      { state: 'appeal_drafted', version: 3 },
    ]);
  });

  it('an 835 posting refused at the server withdraws its denial at that desk', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, billed);
    // both desks import the payer's file before either hears of the other's
    importDenial(a, 'EFT-SAME');
    importDenial(b, 'EFT-SAME');
    const own = denialRows(b.ctx)[0]?.gid;
    expect((await a.sync.sync()).push.refused).toBe(0);
    expect((await b.sync.sync()).push.refused).toBeGreaterThan(0);
    await syncAll(a, b);

    const listed = notSyncedActions(b.ctx.db);
    expect(listed[0]?.reason).toMatch(/^This 835 payment \(trace EFT-SAME\) was already posted/);
    expect(listed.find((n) => n.changes.some((c) => c.tbl === 'denials'))?.reason).toBe(
      'Not sent: it belongs to an action with money or new records that was not synced.',
    );
    // B's own denial went with its posting; A's came in its place: one denial, not two
    const onA = denialRows(a.ctx);
    expect(onA).toHaveLength(1);
    expect(onA[0]?.gid).not.toBe(own);
    expect(denialRows(b.ctx)).toEqual(onA);
    expect(denialsSeen(b.ctx)).toEqual(denialsSeen(a.ctx));
    expect(await serverCount(server, `SELECT count(*) AS n FROM denials`)).toBe(1);
    expect(all(b.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
  });

  it('a denial entry applied twice, or taken twice, changes nothing more', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, billed);
    importDenial(a);
    call(a.ctx, 'updateDenial', { denialId: denialId(a.ctx), state: 'in_review' });
    const entries = entriesToSend(a);
    const { pool, desktopId } = await appliedAtServer(server, a, entries);
    const logged = await serverCount(server, `SELECT count(*) AS n FROM change_log`);
    for (const e of entries) {
      expect(await applyEntry(pool, desktopId, e)).toEqual({ outcome: 'accepted' });
    }
    expect(await serverCount(server, `SELECT count(*) AS n FROM change_log`)).toBe(logged);
    expect(await serverRows(server, `SELECT state, version FROM denials`)).toEqual([
      { state: 'in_review', version: 2 },
    ]);
    // the desktop, which never heard the answers, sends them again
    expect((await a.sync.sync()).push).toEqual({ accepted: entries.length, refused: 0 });

    await b.sync.pull();
    expect(denialsSeen(b.ctx)).toEqual(denialsSeen(a.ctx));
    const logRows = await serverRows<{ tbl: string; gid: string; version: number; row: unknown }>(
      server,
      `SELECT tbl, gid, version, row FROM change_log WHERE tbl = 'denials' ORDER BY seq`,
    );
    expect(logRows.map((r) => r.version)).toEqual([1, 2]);
    const again = inWriteTransaction(b.ctx, () =>
      withCaptureOff(b.ctx.db, () => takeRows(b.ctx.db, logRows as ServerRow[])),
    );
    expect(again).toBe(0);
    expect(all(b.ctx.db, `SELECT count(*) AS n FROM denials`)).toEqual([{ n: 1 }]);
    expect(all(b.ctx.db, `SELECT * FROM outbox`)).toEqual([]);
  });

  it("a payer's new appeal window moves the denial's deadline at every desk", async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, billedAtSupervisors);
    importDenial(a);
    await syncAll(a, b);
    expect(newWindow(a.ctx, 90)).toBe(1);
    await syncAll(a, b);

    // the deadline moved with the denial and its follow-up, once: B took A's rows
    const deadline = addDays(TEST_TODAY, 90);
    for (const d of [a, b]) {
      expect(denialsSeen(d.ctx)[0]?.deadline).toBe(deadline);
      expect(
        all(d.ctx.db, `SELECT deadline_date AS deadline FROM follow_ups WHERE kind = 'denial'`),
      ).toEqual([{ deadline }]);
      const moved = all<{ body: string }>(
        d.ctx.db,
        `SELECT body FROM activities WHERE body LIKE 'Appeal deadline moved%'`,
      );
      expect(moved).toHaveLength(1);
      expect(notSyncedActions(d.ctx.db)).toEqual([]);
    }
    expect(await serverRows(server, `SELECT deadline_date AS d, version FROM denials`)).toEqual([
      { d: deadline, version: 2 },
    ]);
    // nothing waits to go out from B: taking the payer moved nothing there on its own
    expect(all(b.ctx.db, `SELECT seq FROM outbox`)).toEqual([]);
  });

  it('a refused change to a denial is listed as this desk left it, not as a state it set', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, billedAtSupervisors);
    importDenial(a);
    await syncAll(a, b);
    call(a.ctx, 'updateDenial', { denialId: denialId(a.ctx), state: 'in_review' });
    await a.sync.sync();
    // B moves only the deadline (the payer's new window) before hearing of A's step
    expect(newWindow(b.ctx, 90)).toBe(1);
    expect((await b.sync.sync()).push.refused).toBe(1);

    const lines = call(b.ctx, 'listNotSynced', {}).actions.flatMap((x) => x.lines);
    expect(lines).toContain(
      `Change to the denial of $500.00; this desktop had it new, first level, appeal by ${formatUsDate(addDays(TEST_TODAY, 90))}.`,
    );
    expect(lines.join(' ')).not.toMatch(/set to/);
  });
});
