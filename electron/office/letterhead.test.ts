import pg from 'pg';
import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { addDays } from '../../shared/dates/iso-date';
import { fixedClock } from '../core/context';
import { LETTERHEAD_SAVED_SINCE_THE_LINK } from '../db/migrations/077-office-letterhead';
import { oneOrThrow, run } from '../db/query';
import { readFacility } from '../facility/facility';
import { loadStatementData } from '../statements/statement-data';
import { call, expectRefused } from '../testing/call';
import { editFacility } from '../testing/facilities';
import { everyoneSupervisor, syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import {
  facilityOfAccount,
  LETTERHEAD,
  NPI,
  withLetterhead,
  withNorthClinic,
} from '../testing/office/facilities';
import { serverRows } from '../testing/office/office-copy';
import { importClaim } from '../testing/office/records';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { demoBillingProvider } from '../testing/x12/generate-837';
import { withCaptureOff } from './capture';
import { keepCaptureWithLink } from './capture-triggers';
import { describeRow } from './describe';
import { notSyncedActions } from './not-synced';

const accountOf = (d: Desktop) =>
  oneOrThrow<{ id: AccountId }>(d.ctx.db, `SELECT id FROM accounts LIMIT 1`).id;

/** What a statement printed at the desk today says a patient pays to and calls for help. */
function statementAt(d: Desktop) {
  const loaded = loadStatementData(d.ctx.db, accountOf(d), TEST_TODAY);
  if (!loaded) throw new Error('No statement');
  return {
    remitTo: loaded.data.billingOffice.remitTo,
    assistancePhone: loaded.data.financialAssistance.phone,
  };
}

const serverLetterhead = (server: Parameters<typeof serverRows>[0]) =>
  serverRows<{ remit_to: string; assistance_phone: string; updated_by: string; version: number }>(
    server,
    `SELECT remit_to, assistance_phone, updated_by, version FROM letterhead`,
  );

const mainFacility = (d: Desktop) =>
  oneOrThrow<{ name: string; npi: string | null }>(
    d.ctx.db,
    `SELECT name, npi FROM facilities WHERE id = 1`,
  );

describeWithPg("the office's letterhead across its desks", () => {
  it('a supervisor’s new remit-to address and assistance phone at one desk print on the other’s statements', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withLetterhead);
    // the first copy's letterhead is the office's, uploaded with it
    expect(await serverLetterhead(server)).toEqual([
      {
        remit_to: LETTERHEAD.remitTo,
        assistance_phone: '207-555-0150',
        updated_by: 'user:rep.one',
        version: 1,
      },
    ]);

    call(a.ctx, 'saveFacility', {
      ...LETTERHEAD,
      remitTo: 'PO Box 4410\nPortland, ME 04112',
      assistancePhone: '207-555-0190',
    });
    await syncAll(a, b);

    expect(statementAt(b)).toEqual({
      remitTo: ['PO Box 4410', 'Portland, ME 04112'],
      assistancePhone: '207-555-0190',
    });
    expect(readFacility(b.ctx.db)).toEqual(readFacility(a.ctx.db));
    expect(await serverLetterhead(server)).toEqual([
      {
        remit_to: 'PO Box 4410\nPortland, ME 04112',
        assistance_phone: '207-555-0190',
        updated_by: 'user:rep.one',
        version: 2,
      },
    ]);
    // nothing was sent back from B, and nothing is listed
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 0 });
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
  });

  it('of two supervisors changing the letterhead at once, the second is refused, listed, and takes the office’s', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, (ctx, account) => {
      everyoneSupervisor(ctx);
      withLetterhead(ctx, account);
    });
    call(a.ctx, 'saveFacility', { ...LETTERHEAD, assistancePhone: '207-555-0190' });
    call(b.ctx, 'saveFacility', { ...LETTERHEAD, remitTo: 'PO Box 7\nPortland, ME 04112' });
    await a.sync.sync();
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    await syncAll(a, b);

    for (const d of [a, b]) {
      expect(statementAt(d)).toEqual({
        remitTo: ['PO Box 100', 'Portland, ME 04101'],
        assistancePhone: '207-555-0190',
      });
    }
    const [listed, ...more] = notSyncedActions(b.ctx.db);
    expect(more).toEqual([]);
    expect(listed?.reason).toBe(
      'Someone changed the letterhead first at another desktop; this desktop took the office’s.',
    );
    expect(listed?.changes.map(describeRow)).toEqual([
      'Letterhead of Harbor Point Hospital saved: remit to PO Box 7, Portland, ME 04112; financial-assistance phone 207-555-0150.',
    ]);
    // redone at B from the office's letterhead, it lands at every desk
    call(b.ctx, 'saveFacility', {
      ...LETTERHEAD,
      assistancePhone: '207-555-0190',
      remitTo: 'PO Box 7\nPortland, ME 04112',
    });
    await syncAll(b, a);
    expect(statementAt(a).remitTo).toEqual(['PO Box 7', 'Portland, ME 04112']);
    expect((await serverLetterhead(server))[0]?.version).toBe(3);
  });

  it('refuses a letterhead saved by a representative, at the desk and, forged there, at the office', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withLetterhead);
    const theirs = { ...LETTERHEAD, remitTo: 'PO Box 666\nElsewhere, ME 04000' };
    expectRefused(b.ctx, 'saveFacility', theirs, /supervisor/i);

    // B's representative made themselves a supervisor in their own copy
    withCaptureOff(b.ctx.db, () =>
      run(b.ctx.db, `UPDATE users SET role = 'supervisor' WHERE id = ?`, b.ctx.userId),
    );
    call(b.ctx, 'saveFacility', theirs);
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    await syncAll(a, b);

    expect(notSyncedActions(b.ctx.db).map((x) => x.reason)).toEqual([
      'Only a supervisor can change the office’s letterhead, and the office does not know the person who saved this one as an active supervisor; this desktop took the office’s.',
    ]);
    for (const d of [a, b])
      expect(statementAt(d).remitTo).toEqual(['PO Box 100', 'Portland, ME 04101']);
    expect((await serverLetterhead(server))[0]?.version).toBe(1);

    // nor can B's login write it on the server in a representative's name, nor remove it
    const client = new pg.Client(b.config);
    await client.connect();
    try {
      await expect(
        client.query(
          `UPDATE letterhead SET remit_to = 'PO Box 666', updated_by = 'user:rep.2',
             version = version + 1`,
        ),
      ).rejects.toThrow(/only an active supervisor/);
      await expect(client.query(`DELETE FROM letterhead`)).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
    expect(await serverLetterhead(server)).toHaveLength(1);
  });

  it('a new NPI on the letterhead at one desk bills the other desk’s claim files of it under the main facility', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withNorthClinic);
    call(a.ctx, 'saveFacility', { ...LETTERHEAD, npi: NPI.east });
    await syncAll(a, b);

    expect(mainFacility(b)).toEqual({ name: 'Harbor Point Hospital', npi: NPI.east });
    importClaim(b, '300400', [5_000], 'b.837', {
      billingProvider: { ...demoBillingProvider(), npi: NPI.east },
    });
    expect(facilityOfAccount(b, '300400')).toBe('Harbor Point Hospital');
    // one NPI, one facility: B's Settings now refuse it to another facility
    expect(() => editFacility(b.ctx, 'North Clinic', { npi: NPI.east })).toThrow(
      /already Harbor Point Hospital/,
    );
    // the main facility itself is never sent
    expect(await serverRows(server, `SELECT gid FROM facilities`)).toEqual([]);
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
  });

  it('an older version’s letterhead saved at a linked desk reaches the office at the upgrade; a desk that saved none sends none', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, (ctx, account) => {
      everyoneSupervisor(ctx);
      withLetterhead(ctx, account);
    });
    // the version before this one sent no letterhead: A's saved on A only
    a.ctx.db.exec(`DROP TRIGGER office_capture_letterhead_update`);
    const later = { ...a.ctx, clock: fixedClock(addDays(TEST_TODAY, 7)) };
    call(later, 'saveFacility', { ...LETTERHEAD, assistancePhone: '207-555-0190' });
    await syncAll(a, b);
    expect(statementAt(b).assistancePhone).toBe('207-555-0150');

    // both upgrade: the open puts the capture triggers back, migration 77 notes A's save
    for (const d of [a, b]) {
      keepCaptureWithLink(d.ctx.db);
      d.ctx.db.exec(LETTERHEAD_SAVED_SINCE_THE_LINK);
    }
    expect(oneOrThrow<{ n: number }>(b.ctx.db, `SELECT count(*) AS n FROM outbox_pending`).n).toBe(
      0,
    );
    // sealed by the first sync after the open, before it takes anything; sent by the next
    await syncAll(a, b);
    await syncAll(a, b);

    expect(statementAt(b).assistancePhone).toBe('207-555-0190');
    expect((await serverLetterhead(server))[0]).toMatchObject({
      assistance_phone: '207-555-0190',
      version: 2,
    });
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
  });
});
