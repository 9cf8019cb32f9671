import { expect, it } from 'vitest';
import type { Ctx } from '../core/context';
import { all, oneOrThrow } from '../db/query';
import { call } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { import277, serverClaim, withBilledClaim } from '../testing/office/claim-changes';
import { serverRows } from '../testing/office/office-copy';
import { officeId, serverCount, withAcknowledgedClaim } from '../testing/office/records';
import { createServerDatabase, describeWithPg, loginSession } from '../testing/office/server-db';
import { file277 } from '../testing/x12/write-277';
import { gidOf } from './gids';
import { notSyncedActions } from './not-synced';
import { HEARD_AT_THE_OFFICE } from './status-events';

/** K-100's status history as a desk holds it: each event by its office-wide id, in gid order. */
const events = (ctx: Ctx) =>
  all<{ id: number; status: string }>(
    ctx.db,
    `SELECT e.id, e.category || ':' || ifnull(e.status_code, '') AS status
       FROM claim_status_events e JOIN claims c ON c.id = e.claim_id
      WHERE c.claim_number = 'K-100'`,
  )
    .map((e) => `${gidOf(ctx.db, 'claim_status_events', e.id)} ${e.status}`)
    .sort();

/** The office's events, in the form `events` gives a desk's. */
const officeEvents = async (server: Parameters<typeof serverRows>[0]) =>
  (
    await serverRows<{ e: string }>(
      server,
      `SELECT gid || ' ' || category || ':' || coalesce(status_code, '') AS e
         FROM claim_status_events`,
    )
  )
    .map((r) => r.e)
    .sort();

const statusOf = (d: Desktop) =>
  oneOrThrow<{ s: string }>(d.ctx.db, `SELECT status AS s FROM claims WHERE claim_number = 'K-100'`)
    .s;

/** A clearinghouse's file saying two things of K-100, imported at a desk. */
function importTwoCodes(d: Desktop, control: string): void {
  const text = file277(
    [{ patientControlNumber: 'K-100', status: { codes: ['A1:19:PR', 'A2:20:PR'] } }],
    {
      controlNumber: control,
    },
  );
  expect(call(d.ctx, 'importFile', { fileName: `${control}.277`, text }).status).toBe('posted');
}

/** The same file imported again at a desk: every claim of it recorded already. */
function importedAgain(d: Desktop, control: string) {
  const text = file277([{ patientControlNumber: 'K-100', status: { codes: ['A2:20:PR'] } }], {
    controlNumber: control,
  });
  return call(d.ctx, 'importFile', { fileName: `${control}.277`, text }).claimStatus;
}

describeWithPg('one 277 imported at two desks before either had the other’s events', () => {
  it('a 277 that changes the claim: the office and both desks hold its events once, and nothing is listed', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withBilledClaim);
    // the clearinghouse's file, fetched at both desks while neither had synced
    import277(a, 'K-100', 'A2:20:PR', '000000091');
    import277(b, 'K-100', 'A2:20:PR', '000000091');
    await syncAll(a, b);
    await syncAll(a, b);

    const office = await officeEvents(server);
    expect(office).toHaveLength(1);
    expect(events(a.ctx)).toEqual(office);
    expect(events(b.ctx)).toEqual(office);
    expect(await serverClaim(server, 'K-100')).toMatchObject([{ status: 'acknowledged' }]);
    for (const d of [a, b]) expect(statusOf(d)).toBe('acknowledged');
    // B's change of the claim was refused on its version, but the office holds the very file's
    // say of it: nothing for a person at B to redo
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
    // it is kept at B as dismissed when refused, saying why, as every refused entry is kept
    expect(
      all(b.ctx.db, `SELECT reason, dismissed_at IS NOT NULL AS dismissed FROM not_synced`),
    ).toEqual([{ reason: HEARD_AT_THE_OFFICE, dismissed: 1 }]);
    // and the file imported again at either desk posts nothing
    for (const d of [a, b]) {
      expect(importedAgain(d, '000000091')).toMatchObject({ alreadyRecorded: 1 });
    }
  });

  it('a 277 that repeats the claim’s status: the office and both desks hold its events once', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withAcknowledgedClaim);
    // no claim change carries the events: they go with each desk's note
    import277(a, 'K-100', 'A2:20:PR', '000000092');
    import277(b, 'K-100', 'A2:20:PR', '000000092');
    await syncAll(a, b);
    await syncAll(a, b);

    const office = await officeEvents(server);
    expect(office).toHaveLength(1);
    expect(events(a.ctx)).toEqual(office);
    expect(events(b.ctx)).toEqual(office);
    for (const d of [a, b]) {
      expect(statusOf(d)).toBe('acknowledged');
      expect(notSyncedActions(d.ctx.db)).toEqual([]);
      expect(importedAgain(d, '000000092')).toMatchObject({ alreadyRecorded: 1 });
    }
  });

  it('two desks sending one file’s events of a claim at once: the office keeps one desk’s, every desk holds them', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withAcknowledgedClaim);
    importTwoCodes(a, '000000093');
    importTwoCodes(b, '000000093');
    // both entries on the server at the same time: the second waits on the first's claim of
    // the file, then finds it held
    await Promise.all([a.sync.push(), b.sync.push()]);
    await syncAll(a, b);

    const office = await officeEvents(server);
    expect(office.map((e) => e.split(' ')[1])).toEqual(['A1:19', 'A2:20']);
    // all of them one desk's: the office never holds half of each
    expect(new Set(office.map((e) => e.split(':')[0])).size).toBe(1);
    expect(events(a.ctx)).toEqual(office);
    expect(events(b.ctx)).toEqual(office);
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
  });

  it('a desk taking the office’s events of a file before it sends its own holds them once', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withAcknowledgedClaim);
    importTwoCodes(a, '000000094');
    importTwoCodes(b, '000000094');
    await a.sync.sync();
    // B hears of A's first, its own still in its outbox
    await b.sync.pull();
    const office = await officeEvents(server);
    expect(events(b.ctx)).toEqual(office);
    expect(await b.sync.push()).toEqual({ accepted: 1, refused: 0 });
    await syncAll(a, b);

    expect(await officeEvents(server)).toEqual(office);
    expect(events(a.ctx)).toEqual(office);
    expect(events(b.ctx)).toEqual(office);
    expect(all(b.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
    expect(notSyncedActions(b.ctx.db)).toEqual([]);
  });

  it('no desk’s login adds its own events of a file the office holds another desk’s events of', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withAcknowledgedClaim);
    import277(a, 'K-100', 'A2:20:PR', '000000096');
    await a.sync.sync();
    const [held] = await serverRows<{ claim: string; sha: string }>(
      server,
      `SELECT claim_gid AS claim, file_sha256 AS sha FROM claim_status_events`,
    );
    if (!held) throw new Error('A sent no event');
    const desk = await loginSession(b.config);
    const bId = officeId(b);
    await expect(
      desk.query(
        `INSERT INTO claim_status_files (claim_gid, file_sha256, desktop_id) VALUES ($1, $2, $3)`,
        [held.claim, held.sha, bId],
      ),
    ).rejects.toThrow(/duplicate key/);
    await expect(
      desk.query(
        `INSERT INTO claim_status_events (gid, claim_gid, category, meaning, recorded_at,
             file_sha256, desktop_id) VALUES ($1, $2, 'A2', 'Accepted', 't', $3, $4)`,
        [`${bId}:999`, held.claim, held.sha, bId],
      ),
    ).rejects.toThrow(/foreign key/);
    // nor names another file A's, to keep A's events of it out
    await expect(
      desk.query(
        `INSERT INTO claim_status_files (claim_gid, file_sha256, desktop_id) VALUES ($1, $2, $3)`,
        [held.claim, 'f'.repeat(64), officeId(a)],
      ),
    ).rejects.toThrow(/row-level security/);
    for (const sql of [
      'UPDATE claim_status_files SET desktop_id = desktop_id',
      'DELETE FROM claim_status_files',
    ]) {
      await expect(desk.query(sql), sql).rejects.toThrow(/permission denied/);
    }
    expect(await serverCount(server, `SELECT count(*) AS n FROM claim_status_events`)).toBe(1);
    expect(await serverCount(server, `SELECT count(*) AS n FROM claim_status_files`)).toBe(1);
  });
});
