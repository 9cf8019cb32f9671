import { expect, it } from 'vitest';
import { addDays } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { fixedClock } from '../core/context';
import { oneOrThrow } from '../db/query';
import { addAgency } from '../testing/agencies';
import { call } from '../testing/call';
import { everyoneSupervisor, syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { keepCaptureWithLink } from './capture-triggers';
import { notSyncedActions } from './not-synced';
import { migration071 } from '../db/migrations/071-office-agency-edits-of-older-versions';

const WEEK_ON = addDays(TEST_TODAY, 7);

const commissionOf = (d: Desktop, name: string) =>
  oneOrThrow<{ bps: number }>(
    d.ctx.db,
    `SELECT commission_bps AS bps FROM agencies WHERE name = ?`,
    name,
  ).bps;

describeWithPg('agency edits an older version made at a linked desk', () => {
  it('reach the other desk once the editing desk has upgraded, and an agency it did not edit stays as it is', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, (ctx) => {
      everyoneSupervisor(ctx);
      addAgency(ctx, { name: 'Coastal Recovery' });
    });
    addAgency(b.ctx, { name: 'Harbor Collections' });
    addAgency(b.ctx, { name: 'Bay State Recovery' });
    await syncAll(b, a);
    // the version before this one captured an agency's adding, never its edits
    a.ctx.db.exec(`DROP TRIGGER office_capture_agencies_update`);
    const later = { ...a.ctx, clock: fixedClock(WEEK_ON) };
    for (const [name, commissionBps] of [
      ['Coastal Recovery', 3000],
      ['Harbor Collections', 1250],
    ] as const) {
      const { id } = oneOrThrow<{ id: number }>(
        a.ctx.db,
        `SELECT id FROM agencies WHERE name = ?`,
        name,
      );
      call(later, 'saveAgency', {
        agencyId: id,
        name,
        columns: ['account', 'balance'],
        commissionBps,
        remittance: 'gross',
      });
    }
    await syncAll(a, b);
    expect(commissionOf(b, 'Coastal Recovery')).toBe(2500);

    // A upgrades: opening puts the capture triggers back, and migration 71 notes the edits,
    // sent with A's next request
    keepCaptureWithLink(a.ctx.db);
    a.ctx.db.exec(migration071);
    const { id: accountId } = oneOrThrow<{ id: AccountId }>(a.ctx.db, `SELECT id FROM accounts`);
    call(a.ctx, 'addActivity', { accountId, kind: 'note', text: 'Upgraded.' });
    await syncAll(a, b);

    expect(commissionOf(b, 'Coastal Recovery')).toBe(3000);
    expect(commissionOf(b, 'Harbor Collections')).toBe(1250);
    expect(await serverRows(server, `SELECT name, version FROM agencies ORDER BY name`)).toEqual([
      { name: 'Bay State Recovery', version: 1 },
      { name: 'Coastal Recovery', version: 2 },
      { name: 'Harbor Collections', version: 2 },
    ]);
    expect(notSyncedActions(a.ctx.db)).toEqual([]);
  });
});
