import fs from 'node:fs';
import { expect, it } from 'vitest';
import { REMOVED } from '../../shared/api/purge';
import { addDays } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { fixedClock } from '../core/context';
import { all, oneOrThrow, run } from '../db/query';
import { recordedPath } from '../filing/location';
import { call, expectRefused } from '../testing/call';
import { asRequest, syncAll, twoDesktops } from '../testing/office/desktops';
import {
  askWriteOffBySql,
  closeAccount,
  deidentifyAt,
  eleanor,
  NAME,
  patientOf,
  refusedAtBTheDayBefore,
  whatNamesHer,
} from '../testing/office/eleanor';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { serverCount } from '../testing/office/records';
import { addRecordsNaming, personTextsOf } from '../testing/person-texts';
import { pdfScan, scanned } from '../testing/scans';
import { balanceDrift, TEST_TODAY } from '../testing/test-db';
import { gidOf } from './gids';

describeWithPg('a person de-identified at one desktop', () => {
  it('is de-identified at the other too: her addresses, history, queue name and files there', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, eleanor);
    const accountId = accountIds[0] as AccountId;
    // after joining, B writes of her and files her letter; A takes both
    call(b.ctx, 'addActivity', {
      accountId,
      kind: 'note',
      text: "Called Eleanor Testwell's daughter at 207-555-0101.",
    });
    call(b.ctx, 'fileCorrespondence', {
      accountId,
      type: 'patient',
      receivedDate: '2026-03-10',
      file: scanned('Testwell letter.pdf', pdfScan('Dear billing office, Eleanor Testwell')),
    });
    await syncAll(b, a);
    for (const d of [a, b]) closeAccount(d, accountId);
    const scanOnB = oneOrThrow<{ folder: string; fileName: string }>(
      b.ctx.db,
      `SELECT folder, file_name AS fileName FROM correspondence`,
    );
    const fileOnB = recordedPath(b.ctx.databasePath, scanOnB.folder, scanOnB.fileName) ?? '';
    expect(fs.existsSync(fileOnB)).toBe(true);
    expect(whatNamesHer(b)).toMatch(NAME);

    const done = deidentifyAt(a, accountId);
    // both notes, and the line B wrote when it filed her letter under its name
    expect(done).toMatchObject({ historyRowsRewritten: 3, filesRemoved: 1 });
    await syncAll(a, b);

    for (const d of [a, b]) {
      expect(whatNamesHer(d)).not.toMatch(NAME);
      expect(whatNamesHer(d)).toContain(REMOVED);
      expect(balanceDrift(d.ctx)).toBe(0);
      // the office's line of what was done, written at A, is in both histories
      expect(
        all<{ body: string }>(
          d.ctx.db,
          `SELECT body FROM activities WHERE body LIKE 'De-identified after the retention period:%'`,
        ),
      ).toHaveLength(1);
    }
    expect(all(b.ctx.db, `SELECT line1, city, zip FROM addresses`)).toEqual([
      { line1: REMOVED, city: REMOVED, zip: REMOVED },
    ]);
    expect(all(b.ctx.db, `SELECT body FROM activities WHERE body LIKE 'Called %'`)).toEqual([
      { body: `Called ${REMOVED}'s daughter at ${REMOVED}.` },
    ]);
    // B's copy of the letter is gone from its folder, its record and fingerprint kept
    expect(fs.existsSync(fileOnB)).toBe(false);
    expect(
      oneOrThrow<{ removed: string | null }>(
        b.ctx.db,
        `SELECT removed_at AS removed FROM correspondence`,
      ).removed,
    ).not.toBeNull();
    // each desk's line listing the files it removed speaks of its own folder: never sent
    for (const d of [a, b]) {
      const listed = all<{ id: number }>(
        d.ctx.db,
        `SELECT id FROM activities WHERE body LIKE 'De-identification deleted the filed files%'`,
      );
      expect(listed).toHaveLength(1);
      expect(gidOf(d.ctx.db, 'activities', listed[0]?.id ?? 0)).toMatch(/^own:/);
    }
    await syncAll(b, a);
    expect(
      all(a.ctx.db, `SELECT 1 FROM activities WHERE body LIKE 'De-identification deleted%'`),
    ).toHaveLength(1);
    expect(
      await serverCount(
        server,
        `SELECT count(*) AS n FROM activities
      WHERE body LIKE 'De-identification deleted%'`,
      ),
    ).toBe(0);

    // done office-wide: B does not offer to do it again
    expectRefused(
      b.ctx,
      'deidentifyPerson',
      { accountId, personId: patientOf(b, accountId), reason: 'Retention period over' },
      /already de-identified/,
    );
  });

  it('scrubs her notes that arrive with the de-identification, and blanks those written before it that arrive after', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, eleanor);
    const accountId = accountIds[0] as AccountId;
    for (const d of [a, b]) closeAccount(d, accountId);
    // B, not yet synced, writes of her the day before A de-identifies her
    const dayBefore = { ...b.ctx, clock: fixedClock(addDays(TEST_TODAY, -1)) };
    call(dayBefore, 'addActivity', {
      accountId,
      kind: 'note',
      text: 'Left a message for the Testwell estate.',
    });
    // A writes of her and de-identifies her: the note and the row travel together
    call(a.ctx, 'addActivity', {
      accountId,
      kind: 'note',
      text: 'Spoke to the Eleanor Testwell estate.',
    });
    deidentifyAt(a, accountId);
    await a.sync.sync();
    // B sends its note, then takes A's: its own note is scrubbed by her names, A's too
    await b.sync.sync();
    expect(all(b.ctx.db, `SELECT body FROM activities WHERE kind = 'note' ORDER BY body`)).toEqual([
      { body: `Left a message for the ${REMOVED} estate.` },
      { body: `Spoke to the ${REMOVED} estate.` },
      { body: `${REMOVED} paid in full; daughter confirmed ${REMOVED}.` },
    ]);
    // A, whose copy has no names left to look for, takes B's earlier note blanked whole
    await a.sync.sync();
    expect(all(a.ctx.db, `SELECT body FROM activities WHERE kind = 'note' ORDER BY body`)).toEqual([
      { body: `Spoke to the ${REMOVED} estate.` },
      { body: REMOVED },
      { body: `${REMOVED} paid in full; daughter confirmed ${REMOVED}.` },
    ]);
    for (const d of [a, b]) expect(whatNamesHer(d)).not.toMatch(NAME);
  });

  it("blanks the collection records' texts typed before it that arrive after, and keeps one typed later", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, eleanor);
    const accountId = accountIds[0] as AccountId;
    for (const d of [a, b]) closeAccount(d, accountId);
    // B, not yet synced, records her dispute, plan, promise and the rest, typed on 1 March
    asRequest(b, () => addRecordsNaming(b.ctx.db, accountId, b.ctx.userId, 'Eleanor Testwell'));
    // and a hold typed after the de-identification, by someone who knew
    const later = `${addDays(TEST_TODAY, 1)}T09:00:00.000Z`;
    asRequest(b, () =>
      run(
        b.ctx.db,
        `INSERT INTO collection_holds (account_id, kind, note, opened_on, opened_at, opened_by)
         VALUES (?, 'bankruptcy', 'Estate executor filed.', ?, ?, ?)`,
        accountId,
        later.slice(0, 10),
        later,
        b.ctx.userId,
      ),
    );
    deidentifyAt(a, accountId);
    await a.sync.sync();
    // B sends its records, then takes the de-identification: scrubbed by her names
    await b.sync.sync();
    const atB = personTextsOf(b.ctx.db, [accountId]);
    expect(atB).toContain(`collection_holds.note: ${REMOVED} disputes the bill.`);
    expect(atB.join('\n')).not.toMatch(NAME);
    // A has no names left to look for: what was typed before is blanked whole
    await a.sync.sync();
    const atA = personTextsOf(a.ctx.db, [accountId]);
    expect(atA).toHaveLength(15);
    expect(atA.join('\n')).not.toMatch(NAME);
    expect(atA).toContain('collection_holds.note: Estate executor filed.');
    expect(atA).toContain(`assistance_applications.missing: ["${REMOVED}","${REMOVED}"]`);
    const blanked = atA.filter(
      (t) => !t.startsWith('assistance_applications.missing') && !t.includes('Estate executor'),
    );
    expect(blanked).toHaveLength(13);
    for (const t of blanked) expect(t.slice(t.indexOf(': ') + 2)).toBe(REMOVED);
    // the refused write-off B recorded: its memo and its decision note, each typed before
    expect(all(a.ctx.db, `SELECT memo, decision_note AS note FROM adjustment_requests`)).toEqual([
      { memo: REMOVED, note: REMOVED },
    ]);
    // nothing was sent for it: the server keeps what B sent, scrubbed by B's own copy later
    expect(await a.sync.sync()).toMatchObject({ push: { accepted: 0, refused: 0 } });
    expect(balanceDrift(a.ctx)).toBe(0);
  });
});

describeWithPg(
  'a request on her account decided before she was de-identified, arriving after',
  () => {
    it('is blanked where typed before, and its refusal line keeps no note of her', async () => {
      const server = await createServerDatabase();
      const { a, b, accountIds } = await twoDesktops(server, 1, eleanor);
      const accountId = accountIds[0] as AccountId;
      // a write-off asked for at A, waiting at both
      askWriteOffBySql(
        a,
        accountId,
        "Write off per Eleanor Testwell's hardship call.",
        `${addDays(TEST_TODAY, -2)}T09:00:00.000Z`,
      );
      await syncAll(a, b);
      for (const d of [a, b]) closeAccount(d, accountId);
      // B, not yet synced, refuses it the day before A de-identifies her
      refusedAtBTheDayBefore(b);
      deidentifyAt(a, accountId);
      await a.sync.sync();
      await b.sync.sync();
      // A takes B's refusal with no names left to look for: the note blanked whole, the memo
      // too (the refusal came with the request as B held it, naming her), and the refusal's
      // history line without the note
      await a.sync.pull();
      expect(
        all(a.ctx.db, `SELECT status, memo, decision_note AS note FROM adjustment_requests`),
      ).toEqual([{ status: 'rejected', memo: REMOVED, note: REMOVED }]);
      expect(
        all(a.ctx.db, `SELECT body FROM activities WHERE body LIKE 'Write-off of % refused%'`),
      ).toEqual([{ body: `Write-off of $15.00 refused: ${REMOVED}` }]);
      // B scrubbed its own copy by her names as it took the de-identification
      expect(all(b.ctx.db, `SELECT memo, decision_note AS note FROM adjustment_requests`)).toEqual([
        {
          memo: `Write off per ${REMOVED}'s hardship call.`,
          note: `${REMOVED} has not sent the hardship letter.`,
        },
      ]);
      for (const d of [a, b]) expect(whatNamesHer(d)).not.toMatch(NAME);
    });
  },
);
