import fc from 'fast-check';
import pg from 'pg';
import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { all, one } from '../db/query';
import { recordsState } from '../testing/office/records';
import { desktopsOf, syncedState, type Desktop } from '../testing/office/desktops';
import { moneyState } from '../testing/office/money';
import {
  accountOf,
  collectionState,
  ledgerOfEntries,
  owingWithAcme,
  withClinics,
} from '../testing/office/property';
import {
  action,
  agencyState,
  facilityState,
  letterheadState,
  perform,
} from '../testing/office/property-actions';
import { requestState, serverRequestState } from '../testing/office/property-requests';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';

describeWithPg('three desktops with random disconnects', () => {
  it('always converge on the server state, each entry accepted once or listed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 40 }), async (actions) => {
        const server = await createServerDatabase();
        const { desktops, accountIds, close } = await desktopsOf(server, 3, 2, owingWithAcme);
        const written = [await withClinics(desktops), 0, 0];
        for (const a of actions) {
          const d = desktops[a.at] as Desktop;
          const before = one<{ n: number }>(d.ctx.db, `SELECT count(*) AS n FROM outbox`)?.n;
          const accountId =
            'account' in a ? accountOf(d, accountIds, a.account) : (accountIds[0] as AccountId);
          if (accountId === undefined) continue;
          await perform(d, accountId, a);
          const after = one<{ n: number }>(d.ctx.db, `SELECT count(*) AS n FROM outbox`)?.n;
          if (a.do === 'push' || a.do === 'pull' || a.do === 'sync') continue;
          written[a.at] = (written[a.at] ?? 0) + (after ?? 0) - (before ?? 0);
        }
        // everyone comes back online
        for (const d of desktops) await d.sync.sync();
        for (const d of desktops) await d.sync.pull();

        const client = new pg.Client(server);
        await client.connect();
        try {
          const states = desktops.map((d) => syncedState(d.ctx));
          for (const s of states.slice(1)) expect(s).toEqual(states[0]);
          // the same accounts, claims (their statuses too) and people everywhere, each account
          // number once
          const records = desktops.map((d) => recordsState(d.ctx));
          for (const r of records.slice(1)) expect(r).toEqual(records[0]);
          // each account's status and placements the same everywhere
          const collections = desktops.map((d) => collectionState(d.ctx));
          for (const c of collections.slice(1)) expect(c).toEqual(collections[0]);
          // the agency's name, terms and version the same everywhere
          const agencies = desktops.map((d) => agencyState(d.ctx));
          for (const g of agencies.slice(1)) expect(g).toEqual(agencies[0]);
          // and the clinics' names and NPIs, and the letterhead
          const facilities = desktops.map((d) => facilityState(d.ctx));
          for (const f of facilities.slice(1)) expect(f).toEqual(facilities[0]);
          const letterheads = desktops.map((d) => letterheadState(d.ctx));
          for (const l of letterheads.slice(1)) expect(l).toEqual(letterheads[0]);
          // each request decided once, the same everywhere and as the office holds it (the
          // first copy has none), an approval's posting held by every copy (the money below)
          const requests = desktops.map((d) => requestState(d.ctx));
          for (const q of requests) expect(q).toEqual(await serverRequestState(client));
          // (a first-copy account is on the server too once changed, under its base: gid)
          const created = await client.query<{ n: string }>(
            `SELECT count(*) AS n FROM accounts WHERE gid NOT LIKE 'base:%'`,
          );
          expect(records[0]?.accounts.filter((x) => !x.startsWith('base:'))).toHaveLength(
            Number(created.rows[0]?.n),
          );
          for (const d of desktops) expect(all(d.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
          // each 277's events once, one desk's of a file for a claim: every copy holds the
          // office's (the first copy's aside)
          const events = await client.query<{ gid: string }>(
            `SELECT gid FROM claim_status_events ORDER BY gid`,
          );
          expect(
            (records[0]?.statusEvents ?? [])
              .map((e) => e.split(' ')[0] ?? '')
              .filter((g) => !g.startsWith('base:'))
              .sort(),
          ).toEqual(events.rows.map((r) => r.gid).sort());
          const twice = await client.query(
            `SELECT claim_gid FROM claim_status_events WHERE file_sha256 IS NOT NULL
               GROUP BY claim_gid, file_sha256 HAVING count(DISTINCT desktop_id) > 1`,
          );
          expect(twice.rows).toEqual([]);
          const serverNotes = await client.query<{ s: string }>(
            `SELECT gid || ' ' || body AS s FROM activities`,
          );
          expect(serverNotes.rows.map((r) => r.s).sort()).toEqual(
            states[0]?.notes.filter((n) => !n.startsWith('base:')),
          );
          // nothing lost, nothing doubled: every entry written is accepted once or listed
          for (const [i, d] of desktops.entries()) {
            const { rows } = await client.query<{ n: string }>(
              `SELECT count(*) AS n FROM applied_entries e JOIN desktops k ON k.id = e.desktop_id
                 WHERE k.name = $1 AND e.outcome = 'accepted'`,
              [`desktop ${i + 1}`],
            );
            const { outbox, notSynced } = ledgerOfEntries(d);
            expect(outbox).toBe(0);
            expect(Number(rows[0]?.n) + notSynced).toBe(written[i]);
          }
          // money: the same ledger everywhere, each balance its ledger's sum, and that sum the
          // server's: the copy's base rows uploaded with the office plus the rows it accepted
          const money = desktops.map((d) => moneyState(d.ctx));
          for (const m of money.slice(1)) expect(m).toEqual(money[0]);
          const accepted = await client.query<{ account: string; sum: string }>(
            `SELECT account_gid AS account, sum(amount)::text AS sum FROM ledger_entries
               GROUP BY account_gid`,
          );
          const serverSum = new Map(accepted.rows.map((r) => [r.account, Number(r.sum)]));
          for (const d of desktops) {
            for (const b of moneyState(d.ctx).balances) {
              expect(b.balance).toBe(b.ledgerSum);
              expect(b.balance).toBe(serverSum.get(b.account) ?? 0);
            }
          }
          // the upkeep's follow-ups are each desktop's own: none reaches the server, and each
          // desktop has an open credit follow-up exactly where its own ledger shows a credit
          const upkeepRows = await client.query<{ n: string }>(
            `SELECT count(*) AS n FROM follow_ups
               WHERE kind IN ('plan', 'promise', 'credit_balance') AND gid NOT LIKE 'base:%'`,
          );
          expect(Number(upkeepRows.rows[0]?.n)).toBe(0);
          for (const d of desktops) {
            const credits = all<{ credit: number; open: number }>(
              d.ctx.db,
              `SELECT a.patient_balance < 0 OR a.insurance_balance < 0 AS credit,
                   EXISTS (SELECT 1 FROM follow_ups f WHERE f.account_id = a.id
                     AND f.kind = 'credit_balance' AND f.status = 'open') AS open
                 FROM accounts a`,
            );
            for (const c of credits) expect(c.open).toBe(c.credit);
          }
          const reversals = await client.query<{ n: string }>(
            `SELECT count(*) AS n FROM receipts WHERE reverses_gid IS NOT NULL`,
          );
          expect(money[0]?.receipts.filter((r) => !/ reverses -$/.test(r))).toHaveLength(
            Number(reversals.rows[0]?.n),
          );
          // the same for ledger rows: a row reversed once, here as on the server
          const reversedRows = await client.query<{ n: string }>(
            `SELECT count(*) AS n FROM ledger_entries WHERE reverses_gid IS NOT NULL`,
          );
          expect(money[0]?.ledger.filter((l) => !/ reverses -$/.test(l))).toHaveLength(
            Number(reversedRows.rows[0]?.n),
          );
          // no lost update: each follow-up's, claim's and line's, account's, placement's,
          // agency's and request's accepted versions follow one another
          const { rows } = await client.query<{ gid: string; versions: number[] }>(
            `SELECT gid, array_agg(version ORDER BY version) AS versions FROM change_log
               WHERE tbl IN ('follow_ups', 'claims', 'claim_lines', 'accounts', 'agency_placements',
                 'agencies', 'facilities', 'letterhead', 'adjustment_requests')
               GROUP BY tbl, gid`,
          );
          for (const r of rows) {
            const first = r.versions[0] ?? 1;
            expect(r.versions).toEqual(r.versions.map((_, i) => first + i));
          }
        } finally {
          await client.end();
          await close();
        }
      }),
      {
        numRuns: 12,
        // fixed, so that a run fails only for a change. Random seeds, 1,500 runs at a time,
        // found four sync bugs; the example below and conflicts.test.ts keep each found
        seed: 20261205,
        examples: [
          // a claim replaced at one desk while another hears the payer on it, and the agency
          // and a clinic edited at two desks at once, one clinic given the other's NPI
          [
            [
              { do: 'import', at: 0, number: 0 },
              { do: 'sync', at: 0 },
              { do: 'pull', at: 1 },
              { do: 'replace', at: 0, number: 0, lines: 1 },
              { do: 'status', at: 1, number: 0, rejected: false, again: false },
              { do: 'agency', at: 0, commission: 3_000, renamed: true, active: true },
              { do: 'agency', at: 1, commission: 1_500, renamed: false, active: true },
              { do: 'facility', at: 0, which: 0, npi: 2, renamed: false },
              { do: 'facility', at: 1, which: 1, npi: 2, renamed: true },
              { do: 'push', at: 1 },
              { do: 'push', at: 0 },
              { do: 'place', at: 2, account: 0 },
              { do: 'letterhead', at: 2, remitTo: 1 },
              { do: 'letterhead', at: 0, remitTo: 2 },
              { do: 'push', at: 0 },
            ],
          ],
          // one 277 fetched at three desks before each heard of the others': the office holds
          // its events once, each other desk taking the first's in place of its own
          [
            [
              { do: 'import', at: 0, number: 1 },
              { do: 'sync', at: 0 },
              { do: 'pull', at: 1 },
              { do: 'pull', at: 2 },
              { do: 'status', at: 1, number: 1, rejected: false, again: true },
              { do: 'status', at: 2, number: 1, rejected: false, again: true },
              { do: 'push', at: 2 },
              { do: 'status', at: 0, number: 1, rejected: false, again: true },
              { do: 'pull', at: 1 },
            ],
          ],
          // and one saying again what the claim's status is: no claim change carries its
          // events, which go with each desk's note
          [
            [
              { do: 'import', at: 0, number: 1 },
              { do: 'status', at: 0, number: 1, rejected: false, again: false },
              { do: 'sync', at: 0 },
              { do: 'pull', at: 1 },
              { do: 'pull', at: 2 },
              { do: 'status', at: 1, number: 1, rejected: false, again: true },
              { do: 'status', at: 2, number: 1, rejected: false, again: true },
              { do: 'push', at: 2 },
              { do: 'status', at: 0, number: 1, rejected: false, again: true },
              { do: 'pull', at: 1 },
            ],
          ],
          // two desktops import one account number and the second works its own before it
          // sends; it reads the office's first (held), then is refused: its rows withdrawn
          [
            [
              { do: 'import', at: 0, number: 0 },
              { do: 'import', at: 1, number: 0 },
              { do: 'note', at: 1, account: 2 },
              { do: 'pay', at: 1, account: 2, cents: 15_000 },
              { do: 'callback', at: 1, account: 2, inDays: 3 },
              { do: 'push', at: 0 },
              { do: 'pull', at: 1 },
              { do: 'note', at: 2, account: 2 },
              { do: 'sync', at: 1 },
            ],
          ],
          // two desktops reverse one payment before either sends: one reversal stands
          [
            [
              { do: 'pay', at: 0, account: 0, cents: 300 },
              { do: 'sync', at: 0 },
              { do: 'pull', at: 1 },
              { do: 'pull', at: 2 },
              { do: 'reverse', at: 1, account: 0, pick: 0 },
              { do: 'reverse', at: 2, account: 0, pick: 0 },
              { do: 'push', at: 2 },
              { do: 'pull', at: 1 },
            ],
          ],
          // two desktops reverse one adjustment before either sends: one reversal stands
          [
            [
              { do: 'adjust', at: 0, account: 0, cents: 500 },
              { do: 'sync', at: 0 },
              { do: 'pull', at: 1 },
              { do: 'pull', at: 2 },
              { do: 'unadjust', at: 1, account: 0, pick: 0 },
              { do: 'unadjust', at: 2, account: 0, pick: 0 },
              { do: 'push', at: 2 },
              { do: 'pull', at: 1 },
            ],
          ],
          // a reversal pulled with its ledger row before its receipt: the change log was
          // read in the order of its positions' text, where seq 10 comes before seq 9
          [
            [
              { do: 'callback', at: 0, account: 0, inDays: 1 },
              { do: 'reschedule', at: 0, account: 0, inDays: 1 },
              { do: 'pay', at: 0, account: 0, cents: 1 },
              { do: 'reverse', at: 0, account: 0, pick: 0 },
              { do: 'push', at: 1 },
              { do: 'complete', at: 2, account: 0 },
              { do: 'push', at: 2 },
              { do: 'callback', at: 0, account: 0, inDays: 1 },
            ],
          ],
          // a write-off waiting for approval approved at two desks before either sends: the
          // second refused as already decided, its posting withdrawn, and the first's
          // reversed at the third desk meanwhile
          [
            [
              { do: 'request', at: 0, account: 0, cents: 15_000 },
              { do: 'sync', at: 0 },
              { do: 'pull', at: 1 },
              { do: 'pull', at: 2 },
              { do: 'decide', at: 1, pick: 0, approve: true },
              { do: 'decide', at: 2, pick: 0, approve: true },
              { do: 'push', at: 1 },
              { do: 'pull', at: 0 },
              { do: 'unadjust', at: 0, account: 0, pick: 0 },
              { do: 'push', at: 0 },
              { do: 'push', at: 2 },
            ],
          ],
          // a reversal of a payment over the day's limit waits at the first desk (it reversed
          // $150.00 first), and the third, not having heard, reverses the payment itself; two
          // desks approve the request at once after the third sends: both refused for the
          // reversal the office already holds, the request waiting everywhere, then refused
          [
            [
              { do: 'pay', at: 0, account: 0, cents: 15_000 },
              { do: 'pay', at: 0, account: 0, cents: 10_000 },
              { do: 'sync', at: 0 },
              { do: 'pull', at: 1 },
              { do: 'pull', at: 2 },
              { do: 'reverse', at: 2, account: 0, pick: 1 },
              { do: 'reverse', at: 0, account: 0, pick: 0 },
              { do: 'reverse', at: 0, account: 0, pick: 0 },
              { do: 'sync', at: 0 },
              { do: 'pull', at: 1 },
              { do: 'decide', at: 0, pick: 0, approve: true },
              { do: 'decide', at: 1, pick: 0, approve: true },
              { do: 'push', at: 2 },
              { do: 'push', at: 1 },
              { do: 'push', at: 0 },
              { do: 'pull', at: 2 },
              { do: 'decide', at: 2, pick: 0, approve: false },
            ],
          ],
          // a completion refused while the desktop had rescheduled the same follow-up: taking
          // the server's state reopened one row before the batch closed its twin
          [
            [
              { do: 'note', at: 2, account: 0 },
              { do: 'reschedule', at: 0, account: 1, inDays: 1 },
              { do: 'complete', at: 2, account: 1 },
              { do: 'reschedule', at: 2, account: 1, inDays: 1 },
              { do: 'note', at: 0, account: 0 },
              { do: 'note', at: 0, account: 0 },
              { do: 'complete', at: 0, account: 0 },
              { do: 'push', at: 0 },
            ],
          ],
        ],
      },
    );
    // eight offices of three desktops each against a real server: seconds alone, but the
    // whole suite runs beside it
  }, 300_000);
});
