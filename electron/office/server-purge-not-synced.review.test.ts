import { expect, it } from 'vitest';
import { all } from '../db/query';
import { syncAll } from '../testing/office/desktops';
import { closeAccount, deidentifyAt, herRefusalRefused, NAME } from '../testing/office/eleanor';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { dismissNotSynced } from './not-synced';

/*
 * Found in review: server migration 37 scrubs the reason of a refusal that quotes a request's
 * decision note ("… already refused by Rita Representative (Eleanor Testwell has not sent the
 * hardship letter.) at another desktop …"), because it names the patient. The refused desk
 * keeps that same reason in its `not_synced` row, with what it sent: its own decision note
 * and the history line quoting it. Taking the de-identification scrubs the desk's request,
 * notes and records, never `not_synced`, and dismissing the row only hides it
 * (`dismissed_at`): the row stays in the file for good. So after the purge the desk whose
 * refusal was refused still names her twice, in a table every user of the desk can list
 * until dismissed and anyone with the file can read after.
 */

describeWithPg('a refused decision naming a patient later de-identified', () => {
  it('keeps no trace of her in the not-synced table of the desk it was refused at', async () => {
    const server = await createServerDatabase();
    // two supervisors refuse her write-off at once: B's refusal is refused, quoting A's note
    const { a, b, c, hers } = await herRefusalRefused(server);
    const listed = all<{ seq: number; reason: string; changes: string }>(
      b.ctx.db,
      `SELECT seq, reason, changes FROM not_synced`,
    );
    expect(listed).toHaveLength(1);
    expect(listed[0]?.reason).toMatch(/already refused by .*Eleanor Testwell has not sent/);
    // a supervisor at B dismisses it: nothing to redo
    dismissNotSynced(b.ctx.db, listed[0]?.seq ?? 0, b.ctx.userId, b.ctx.clock.now());

    for (const d of [a, b, c]) closeAccount(d, hers);
    deidentifyAt(a, hers);
    await syncAll(a, b, c);

    // the server's copy of that reason is scrubbed; B's request too
    expect(
      all<{ memo: string }>(b.ctx.db, `SELECT memo FROM adjustment_requests`).map((r) => r.memo),
    ).toEqual(["Write off per [removed]'s hardship call."]);
    // but B's not-synced table still names her, in the office's reason and in what B sent
    const kept = all<{ t: string }>(
      b.ctx.db,
      `SELECT reason || ' ' || changes AS t FROM not_synced`,
    );
    expect(kept.map((r) => r.t).filter((t) => NAME.test(t))).toEqual([]);
  });
});
