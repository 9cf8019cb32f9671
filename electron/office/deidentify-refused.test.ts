import { expect, it } from 'vitest';
import { REMOVED } from '../../shared/api/purge';
import { isoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { cents } from '../../shared/money/cents';
import { fixedClock, type Ctx } from '../core/context';
import { all, oneOrThrow, run } from '../db/query';
import { writeBillingRules } from '../rules/billing-rules';
import { call } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import {
  closeAccount,
  deidentifyAt,
  eleanor,
  eleanorsOffice,
  NAME,
  patientOf,
  whatNamesHer,
} from '../testing/office/eleanor';
import { owing } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { gidOf, type GidTable } from './gids';
import type { ServerConfig } from './server/connection';

/*
 * A de-identification the office refuses (another desk changed the person first) leaves the
 * de-identifying desk holding what the office holds: her row, her notes, her money rows'
 * memos and her requests' texts as typed, no de-identification recorded, and the refusal
 * listed so that she can be de-identified again from that desk, which the office then takes.
 */

const LONG_AGO = isoDate('2014-02-03');
const longAgo = (ctx: Ctx): Ctx => ({ ...ctx, clock: fixedClock(LONG_AGO) });

/** Eleanor owes $200.00 from long ago; a write-off over $50.00 waits for a supervisor. */
function hersOwing(ctx: Ctx, accountId: AccountId): void {
  eleanor(ctx, accountId);
  owing(longAgo(ctx), accountId);
  writeBillingRules(
    ctx.db,
    { writeOffApprovalLimit: cents(5_000) },
    { userId: ctx.userId, now: ctx.clock.now() },
  );
}

/** The texts of her account the office holds, as `table gid text`, sorted. */
async function officeTexts(server: ServerConfig, account: string): Promise<string[]> {
  const rows = await serverRows<{ t: string }>(
    server,
    `SELECT 'activities ' || gid || ' ' || body AS t FROM activities WHERE account_gid = $1
     UNION ALL SELECT 'ledger_entries ' || gid || ' ' || memo FROM ledger_entries
       WHERE account_gid = $1 AND memo IS NOT NULL
     UNION ALL SELECT 'receipts ' || gid || ' ' || memo FROM receipts
       WHERE account_gid = $1 AND memo IS NOT NULL
     UNION ALL SELECT 'adjustment_requests ' || gid || ' ' || memo || ' / '
         || coalesce(decision_note, '')
       FROM adjustment_requests WHERE account_gid = $1`,
    [account],
  );
  return rows.map((r) => r.t).sort();
}

/** The same texts at a desk, of the rows the office holds (not its first copy's, nor its own). */
function deskTexts(d: Desktop, accountId: AccountId): string[] {
  const rows = (tbl: GidTable, text: string) =>
    all<{ id: number; t: string }>(
      d.ctx.db,
      `SELECT id, ${text} AS t FROM ${tbl} WHERE account_id = ? AND ${text} IS NOT NULL`,
      accountId,
    ).map((r) => ({ tbl, gid: gidOf(d.ctx.db, tbl, r.id), t: r.t }));
  return [
    ...rows('activities', 'body'),
    ...rows('ledger_entries', 'memo'),
    ...rows('receipts', 'memo'),
    ...rows('adjustment_requests', `memo || ' / ' || coalesce(decision_note, '')`),
  ]
    .filter((r) => !r.gid.startsWith('base:') && !r.gid.startsWith('own:'))
    .map((r) => `${r.tbl} ${r.gid} ${r.t}`)
    .sort();
}

const personAt = (d: Desktop, accountId: AccountId) =>
  oneOrThrow<{ first: string; last: string; phone: string | null }>(
    d.ctx.db,
    `SELECT first_name AS first, last_name AS last, phone FROM people WHERE id = ?`,
    patientOf(d, accountId),
  );

const deidentificationsAt = (d: Desktop) =>
  all(d.ctx.db, `SELECT person_id FROM deidentifications`);

describeWithPg('a de-identification the office refuses', () => {
  it("leaves the desk holding the office's texts of her, listed, and done again it is taken", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, hersOwing);
    const hers = accountIds[0] as AccountId;
    const account = gidOf(a.ctx.db, 'accounts', hers);
    // at B, after joining: a note, a payment and a write-off asked for, each naming her
    call(b.ctx, 'addActivity', {
      accountId: hers,
      kind: 'note',
      text: "Called Eleanor Testwell's daughter at 207-555-0101.",
    });
    call(longAgo(b.ctx), 'takePayment', {
      accountId: hers,
      amount: 5_000,
      method: 'cash',
      receivedDate: LONG_AGO,
      memo: 'Eleanor Testwell paid at the window.',
    });
    const asked = call(longAgo(b.ctx), 'postAdjustment', {
      accountId: hers,
      side: 'patient',
      amount: 15_000,
      reasonCode: 'SMALL_BALANCE',
      memo: "Write off per Eleanor Testwell's hardship call.",
    });
    expect(asked.status).toBe('pending_approval');
    await syncAll(b, a);
    const request = oneOrThrow<{ id: number }>(a.ctx.db, `SELECT id FROM adjustment_requests`).id;
    call(longAgo(a.ctx), 'decideAdjustment', {
      requestId: request,
      decision: 'approve',
      note: 'Eleanor Testwell sent the hardship letter.',
    });
    await syncAll(a, b);
    for (const d of [a, b]) closeAccount(d, hers);
    const before = await officeTexts(server, account);
    expect(before.filter((t) => NAME.test(t)).length).toBeGreaterThanOrEqual(4);
    expect(deskTexts(a, hers)).toEqual(before);

    // B records her returned mail and sends it; A, not having pulled it, de-identifies her
    call(b.ctx, 'recordReturnedMail', { accountId: hers, receivedOn: '2026-03-02' });
    await b.sync.sync();
    deidentifyAt(a, hers);
    expect(await a.sync.sync()).toMatchObject({ push: { accepted: 0, refused: 1 } });

    // A holds the office's state of her again: nothing of the refused scrub is left
    const office = await officeTexts(server, account);
    // B's line of the returned mail besides what the office held before
    expect(office).toEqual(expect.arrayContaining(before));
    expect(office).toHaveLength(before.length + 1);
    expect(deskTexts(a, hers)).toEqual(office);
    expect(personAt(a, hers)).toEqual({
      first: 'Eleanor',
      last: 'Testwell',
      phone: '207-555-0101',
    });
    expect(whatNamesHer(a)).toMatch(/77 Lantern Way/);
    expect(deidentificationsAt(a)).toEqual([]);
    const listed = all<{ reason: string; dismissed: string | null }>(
      a.ctx.db,
      `SELECT reason, dismissed_at AS dismissed FROM not_synced`,
    );
    expect(listed).toHaveLength(1);
    expect(listed[0]?.dismissed).toBeNull();
    // the office's reason, then what became of the de-identification here
    expect(listed[0]?.reason).toBe(
      "Someone changed this person's details first at another desktop; this desktop took the " +
        "office's record of it. The person was not de-identified: nothing was scrubbed or " +
        "deleted on this desktop, which now holds the office's record of them, their notes and " +
        'texts as the office does. Check what changed, then de-identify them again.',
    );

    // done again from A, on the office's row of her, it is taken and scrubs every copy
    closeAccount(a, hers);
    deidentifyAt(a, hers);
    await syncAll(a, b);
    const after = await officeTexts(server, account);
    expect(after.filter((t) => NAME.test(t))).toEqual([]);
    expect(after.join('\n')).toContain(REMOVED);
    expect(deskTexts(a, hers)).toEqual(after);
    for (const d of [a, b]) {
      expect(whatNamesHer(d)).not.toMatch(NAME);
      expect(deidentificationsAt(d)).toHaveLength(1);
    }
    // the refusal listed at A named her: scrubbed with the rest
    const refusal = all<{ reason: string; changes: string }>(
      a.ctx.db,
      `SELECT reason, changes FROM not_synced`,
    );
    expect(refusal).toHaveLength(1);
    expect(JSON.stringify(refusal)).not.toMatch(NAME);
  });

  it('of a person another desk de-identified first leaves the desk scrubbed as the office is', async () => {
    const server = await createServerDatabase();
    const { a, b, hers } = await eleanorsOffice(server);
    for (const d of [a, b]) closeAccount(d, hers);
    // both de-identify her at once; B's reaches the office first
    deidentifyAt(b, hers);
    deidentifyAt(a, hers);
    await b.sync.sync();
    expect(await a.sync.sync()).toMatchObject({ push: { accepted: 0, refused: 1 } });

    // A took the office's de-identification and scrubbed its copy by the names it had kept
    expect(whatNamesHer(a)).not.toMatch(NAME);
    expect(whatNamesHer(a)).toContain(REMOVED);
    expect(deidentificationsAt(a)).toHaveLength(1);
    // one line of it in the history, B's: A's went with its refused de-identification
    expect(
      all(a.ctx.db, `SELECT 1 FROM activities WHERE body LIKE 'De-identified after the%'`),
    ).toHaveLength(1);
    // listed as done, nothing to redo
    const listed = all<{ reason: string; dismissed: string | null }>(
      a.ctx.db,
      `SELECT reason, dismissed_at AS dismissed FROM not_synced`,
    );
    expect(listed).toHaveLength(1);
    expect(listed[0]?.reason).toMatch(/de-identified the person already.*Nothing to redo/);
    expect(listed[0]?.dismissed).not.toBeNull();
    // a de-identification made stays as made (migration 29); only a waiting one is undone
    expect(() => run(a.ctx.db, `DELETE FROM deidentifications`)).toThrow(/kept as made/);
  });
});
