import { expect, it } from 'vitest';
import { addDays } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { fixedClock, type Ctx } from '../core/context';
import { migration067 } from '../db/migrations/067-office-collections-of-older-versions';
import { migration071 } from '../db/migrations/071-office-agency-edits-of-older-versions';
import { addAgency, agencyNamed, editAgency } from '../testing/agencies';
import { call } from '../testing/call';
import { everyoneSupervisor, syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg, loginSession } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { withCaptureOff } from './capture';
import { keepCaptureWithLink } from './capture-triggers';
import { describeRow } from './describe';
import { notSyncedActions } from './not-synced';

const later = (ctx: Ctx, days: number): Ctx => ({
  ...ctx,
  clock: fixedClock(addDays(TEST_TODAY, days)),
});

/** The version before this one: an agency's adding was captured, never its edits. */
const asTheOlderVersion = (d: Desktop) =>
  d.ctx.db.exec(`DROP TRIGGER office_capture_agencies_update`);

/** Opening with this version: the capture triggers put back, then migration 71. */
function upgrade(d: Desktop): void {
  keepCaptureWithLink(d.ctx.db);
  d.ctx.db.exec(migration071);
}

const firstCopyAgency = (ctx: Ctx) => {
  everyoneSupervisor(ctx);
  addAgency(ctx, { name: 'Coastal Recovery' });
};

/** What the not-synced list shows of each refused action: its reason and its rows. */
const listed = (d: Desktop) =>
  notSyncedActions(d.ctx.db).map((x) => ({
    reason: x.reason,
    said: x.changes.map(describeRow),
  }));

describeWithPg('collection agencies edited across the office, on an unlucky day', () => {
  it('an older version’s edit noted at the upgrade is listed when the first sync after opening pulls another desk’s edit of the agency', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, firstCopyAgency);
    const [account] = accountIds as [AccountId];
    // both desks on the older version edit the first copy's agency; neither edit travels
    asTheOlderVersion(a);
    asTheOlderVersion(b);
    editAgency(later(a.ctx, 3), 'Coastal Recovery', { commissionBps: 3000 });
    editAgency(later(b.ctx, 4), 'Coastal Recovery', { commissionBps: 2000, remittance: 'net' });
    // B upgrades first and sends its edit with its next request
    upgrade(b);
    call(b.ctx, 'addActivity', { accountId: account, kind: 'note', text: 'Upgraded.' });
    await syncAll(b);
    expect(await serverRows(server, `SELECT commission_bps AS bps, version FROM agencies`)).toEqual(
      [{ bps: 2000, version: 2 }],
    );

    // A upgrades; its sync worker starts at the open and syncs before anyone signs in
    upgrade(a);
    await a.sync.sync();
    await syncAll(a, b);

    // the design: A's edit is refused, A takes the office's and lists its edit to redo
    expect(agencyNamed(a.ctx, 'Coastal Recovery').commissionBps).toBe(2000);
    expect(listed(a)).toEqual([
      {
        reason:
          "Someone changed collection agency Coastal Recovery first at another desktop; this desktop took the office's record of it.",
        said: [
          'Collection agency Coastal Recovery changed: 30% commission; remittance gross (payment plus commission adjustment); contact Dana at 207-555-0199; placement file Account, Guarantor name, Balance; taking new accounts.',
        ],
      },
    ]);
    // and nothing was sent in A's name that A's supervisor did not do
    expect(await serverRows(server, `SELECT version FROM agencies`)).toEqual([{ version: 2 }]);
  });

  it('an agency another desk’s upgrade sent with its edits is not sent again as an edit of the desks that only pulled it', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, everyoneSupervisor);
    const [account] = accountIds as [AccountId];
    // A is on a version before migration 60: an agency it adds and edits is captured by nothing
    withCaptureOff(a.ctx.db, () => {
      addAgency(later(a.ctx, 2), { name: 'Harbor Collections' });
      editAgency(later(a.ctx, 3), 'Harbor Collections', { commissionBps: 1250 });
    });
    // A upgrades to a version with migration 67 (not yet 71): the agency goes as it stands
    a.ctx.db.exec(migration067);
    keepCaptureWithLink(a.ctx.db);
    call(a.ctx, 'addActivity', { accountId: account, kind: 'note', text: 'Upgraded.' });
    await syncAll(a, b);
    expect(agencyNamed(b.ctx, 'Harbor Collections').commissionBps).toBe(1250);
    expect(await serverRows(server, `SELECT name, version FROM agencies`)).toEqual([
      { name: 'Harbor Collections', version: 1 },
    ]);

    // B takes this version: nobody there edited the agency, so B sends nothing of it
    upgrade(b);
    await syncAll(b, a);
    await syncAll(b, a);
    expect(listed(b)).toEqual([]);
    expect(await serverRows(server, `SELECT name, version FROM agencies`)).toEqual([
      { name: 'Harbor Collections', version: 1 },
    ]);
    // A did edit it, after the link, though its edit went already with the agency: sent again
    // as it stands, it changes nothing the office holds and lists nothing
    upgrade(a);
    await syncAll(a, b);
    await syncAll(a, b);
    expect(listed(a)).toEqual([]);
    expect(
      await serverRows(server, `SELECT name, commission_bps AS bps, version FROM agencies`),
    ).toEqual([{ name: 'Harbor Collections', bps: 1250, version: 2 }]);
  });

  it('a refused rename is listed naming the agency that was renamed', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, firstCopyAgency);
    editAgency(a.ctx, 'Coastal Recovery', { contact: 'Dana at 207-555-0100' });
    await syncAll(a, b);

    editAgency(b.ctx, 'Coastal Recovery', { name: 'Harbor Collections West' });
    editAgency(a.ctx, 'Coastal Recovery', { commissionBps: 3000 });
    await syncAll(a, b);
    await syncAll(a, b);

    // B's supervisor sees one refused action: which of B's agencies did it rename?
    const [refused, ...more] = listed(b);
    expect(more).toEqual([]);
    expect(agencyNamed(b.ctx, 'Coastal Recovery').commissionBps).toBe(3000);
    expect([refused?.reason, ...(refused?.said ?? [])].join(' ')).toContain('Coastal Recovery');
  });

  it('a refused edit of the contact and file layout is listed saying what was changed', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, firstCopyAgency);
    editAgency(a.ctx, 'Coastal Recovery', { commissionBps: 3000 });
    editAgency(b.ctx, 'Coastal Recovery', {
      contact: 'Lee at 207-555-0142',
      columns: ['account', 'balance'],
    });
    await syncAll(a, b);
    await syncAll(a, b);

    const [refused, ...more] = listed(b);
    expect(more).toEqual([]);
    expect(agencyNamed(b.ctx, 'Coastal Recovery').contact).toBe('Dana at 207-555-0199');
    // the edit to redo: the new contact (and layout), not terms B's supervisor never touched
    expect(refused?.said.join(' ')).toContain('Lee at 207-555-0142');
  });

  it('an agency row a desk’s login writes on the server cannot stop another desk’s sync', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, firstCopyAgency);
    const [account] = accountIds as [AccountId];
    editAgency(a.ctx, 'Coastal Recovery', { contact: 'Dana at 207-555-0100' });
    await syncAll(a, b);
    // A's login, used straight, changes the agency as an edit would, one version on and
    // keeping its supervisor: only the file layout, to one no desk can hold. Refused.
    const asA = await loginSession(a.config);
    await expect(
      asA.query(
        `UPDATE agencies SET columns = '{"account": true}', version = version + 1
           WHERE name = 'Coastal Recovery'`,
      ),
    ).rejects.toMatchObject({ code: '23514', constraint: 'agencies_columns_listed' });
    await expect(
      asA.query(
        `UPDATE agencies SET columns = 'account, balance', version = version + 1
           WHERE name = 'Coastal Recovery'`,
      ),
    ).rejects.toMatchObject({ code: '23514' });
    await asA.end();
    // a row moved one version on by another desk's edit instead, so B's edit is refused
    editAgency(a.ctx, 'Coastal Recovery', { columns: ['account', 'balance'] });
    await syncAll(a);

    // B's supervisor edits the agency, and a representative there writes a note after it
    editAgency(b.ctx, 'Coastal Recovery', { commissionBps: 3000 });
    call(b.ctx, 'addActivity', { accountId: account, kind: 'note', text: 'Called the patient.' });

    // B's edit is refused (the office is a version on); its sync must go on past the row
    // it cannot hold, and the note reach the office
    await expect(syncAll(b, a)).resolves.toBeUndefined();
    expect(
      await serverRows(
        server,
        `SELECT count(*)::int AS n FROM activities WHERE body = 'Called the patient.'`,
      ),
    ).toEqual([{ n: 1 }]);
  });
});
