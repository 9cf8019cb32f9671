import fc from 'fast-check';
import type { AccountId, FollowUpId, LedgerEntryId, ReceiptId } from '../../../shared/ids';
import { addDays } from '../../../shared/dates/iso-date';
import { dispatch } from '../dispatch';
import { all, one, oneOrThrow } from '../../db/query';
import { gidOf } from '../../office/gids';
import type { Ctx } from '../../core/context';
import { claimFileText, resent, testClaim } from '../claims';
import { TEST_TODAY } from '../test-db';
import type { Desktop } from './desktops';
import {
  PROPERTY_FACILITIES,
  PROPERTY_LETTERHEAD,
  PROPERTY_NPIS,
  placeWithAgency,
  supervisorOf,
} from './property';
import { performRequest, requestActions, type RequestAction } from './property-requests';
import { claimStatusFile } from './records';

/** One person's action at one of the property test's three desktops, or a desktop's sync. */
export type Action =
  | { do: 'note'; at: number; account: number }
  | { do: 'reschedule'; at: number; account: number; inDays: number }
  | { do: 'complete'; at: number; account: number }
  | { do: 'callback'; at: number; account: number; inDays: number }
  | { do: 'pay'; at: number; account: number; cents: number }
  | { do: 'reverse'; at: number; account: number; pick: number }
  | { do: 'adjust'; at: number; account: number; cents: number }
  | { do: 'unadjust'; at: number; account: number; pick: number }
  | { do: 'import'; at: number; number: number }
  | { do: 'status'; at: number; number: number; rejected: boolean; again: boolean }
  | { do: 'replace'; at: number; number: number; lines: number }
  | { do: 'place' | 'recall'; at: number; account: number }
  | { do: 'agency'; at: number; commission: number; renamed: boolean; active: boolean }
  | { do: 'facility'; at: number; which: number; npi: number | null; renamed: boolean }
  | { do: 'letterhead'; at: number; remitTo: number }
  | RequestAction
  | { do: 'push' | 'pull' | 'sync'; at: number };

/** The lines a replacement of N0 or N1 (first billed as one $100.00 line) may bill instead. */
const REPLACEMENT_LINES: readonly (readonly number[])[] = [
  [10_000],
  [8_000, 1_500],
  [12_000, 500, 250],
];

const at = fc.integer({ min: 0, max: 2 });
// 0 and 1 are accounts every desktop starts with; 2 and 3 the accounts N0 and N1, once a
// desktop has imported or pulled them
const account = fc.integer({ min: 0, max: 3 });
const inDays = fc.integer({ min: 1, max: 30 });
const claim = fc.integer({ min: 0, max: 1 });

export const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ do: fc.constant('note' as const), at, account }),
  fc.record({ do: fc.constant('reschedule' as const), at, account, inDays }),
  fc.record({ do: fc.constant('complete' as const), at, account }),
  fc.record({ do: fc.constant('callback' as const), at, account, inDays }),
  // up to $250.00 a payment against the $200.00 owed: credits come often, and each desktop's
  // upkeep opens its own credit balance follow-up (which does not travel; see DESIGN)
  {
    arbitrary: fc.record({
      do: fc.constant('pay' as const),
      at,
      account,
      cents: fc.integer({ min: 1, max: 25_000 }),
    }),
    weight: 3,
  },
  // often enough that two desktops reverse one payment before either sends it
  {
    arbitrary: fc.record({ do: fc.constant('reverse' as const), at, account, pick: fc.nat(5) }),
    weight: 3,
  },
  // an adjustment, and its reversal (two desktops reversing one: one is refused)
  fc.record({
    do: fc.constant('adjust' as const),
    at,
    account,
    cents: fc.integer({ min: 1, max: 5_000 }),
  }),
  {
    arbitrary: fc.record({ do: fc.constant('unadjust' as const), at, account, pick: fc.nat(3) }),
    weight: 2,
  },
  // two desktops importing one account number before either sends it: one is refused
  fc.record({ do: fc.constant('import' as const), at, number: claim }),
  // a payer's word on an imported claim: two desktops changing one claim, one is refused; now
  // and then the clearinghouse's same file, fetched again here or at another desk
  {
    arbitrary: fc.record({
      do: fc.constant('status' as const),
      at,
      number: claim,
      rejected: fc.boolean(),
      again: fc.boolean(),
    }),
    weight: 4,
  },
  // a replacement claim changing, adding or removing lines and moving the charges with them:
  // beside another desk's 277 or replacement of the same claim, one is refused
  {
    arbitrary: fc.record({
      do: fc.constant('replace' as const),
      at,
      number: claim,
      lines: fc.nat(REPLACEMENT_LINES.length - 1),
    }),
    weight: 2,
  },
  // an account placed with the agency, and recalled: two desks changing its status, one refused
  fc.record({ do: fc.constantFrom('place' as const, 'recall' as const), at, account }),
  // the agency's terms edited in Settings at two desks at once (one refused), now and then
  // set inactive, when the server refuses a sending to it from a desk that has not heard
  fc.record({
    do: fc.constant('agency' as const),
    at,
    commission: fc.constantFrom(1_500, 2_000, 2_500, 3_000),
    renamed: fc.boolean(),
    active: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, fc.constant(false)),
  }),
  // a clinic renamed or given another NPI in Settings: two desks editing one (one refused),
  // or giving two clinics one NPI (one office-wide: the second refused)
  fc.record({
    do: fc.constant('facility' as const),
    at,
    which: fc.nat(PROPERTY_FACILITIES.length - 1),
    npi: fc.option(fc.nat(PROPERTY_NPIS.length - 1)),
    renamed: fc.boolean(),
  }),
  // the letterhead's remit-to address saved at two desks at once: one refused, taken
  fc.record({ do: fc.constant('letterhead' as const), at, remitTo: fc.nat(2) }),
  // a write-off over the approval limit waits; a supervisor at any desk decides it
  ...requestActions,
  // a desktop that is not synced for a while is offline for that while
  {
    arbitrary: fc.record({
      do: fc.constantFrom('push' as const, 'pull' as const, 'sync' as const),
      at,
    }),
    weight: 2,
  },
);

let files = 0;

/** One person's action at one desktop; a request the desktop refuses writes nothing. */
export async function perform(d: Desktop, accountId: AccountId, a: Action): Promise<void> {
  const due = (n: number) => addDays(TEST_TODAY, n);
  switch (a.do) {
    case 'push':
      await d.sync.push();
      return;
    case 'pull':
      await d.sync.pull();
      return;
    case 'sync':
      await d.sync.sync();
      return;
    case 'request':
    case 'decide':
      performRequest(d, accountId, a);
      return;
    case 'import':
      dispatch(d.ctx, 'importFile', {
        fileName: `N${a.number}.837`,
        text: claimFileText([testClaim(`N${a.number}`, [10_000])]),
      });
      return;
    case 'status': {
      // one file a claim and its word, apart from the new ones' numbers
      const control = a.again ? 800_000_000 + a.number * 2 + (a.rejected ? 1 : 0) : (files += 1);
      dispatch(d.ctx, 'importFile', {
        fileName: `S${control}.277`,
        text: claimStatusFile(`N${a.number}`, a.rejected, control),
      });
      return;
    }
    case 'replace':
      dispatch(d.ctx, 'importFile', {
        fileName: `R${(files += 1)}.837`,
        text: claimFileText(
          [resent(testClaim(`N${a.number}`, REPLACEMENT_LINES[a.lines] ?? [10_000]), '7')],
          { controlNumber: files },
        ),
      });
      return;
    case 'place':
      placeWithAgency(d, accountId);
      return;
    case 'recall':
      dispatch(d.ctx, 'recallAccounts', { accountIds: [accountId], reason: 'test' });
      return;
    case 'agency':
      editTheAgency(d, a);
      return;
    case 'facility':
      editAClinic(d, a);
      return;
    case 'letterhead':
      dispatch({ ...d.ctx, userId: supervisorOf(d) }, 'saveFacility', {
        ...PROPERTY_LETTERHEAD,
        remitTo: `PO Box ${100 + a.remitTo}\nPortland, ME 04101`,
      });
      return;
    case 'note':
      dispatch(d.ctx, 'addActivity', { accountId, kind: 'note', text: `note ${(files += 1)}` });
      return;
    case 'reschedule':
      dispatch(d.ctx, 'setFollowUp', { accountId, kind: 'account', dueDate: due(a.inDays) });
      return;
    case 'callback':
      dispatch(d.ctx, 'setFollowUp', { accountId, kind: 'callback', dueDate: due(a.inDays) });
      return;
    case 'pay':
      dispatch(d.ctx, 'takePayment', {
        accountId,
        amount: a.cents,
        method: 'cash',
        receivedDate: TEST_TODAY,
      });
      return;
    case 'reverse': {
      // a payment this desktop knows of and has not seen reversed
      const payments = all<{ id: ReceiptId }>(
        d.ctx.db,
        `SELECT id FROM receipts r WHERE account_id = ? AND reverses_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM receipts x WHERE x.reverses_id = r.id) ORDER BY id`,
        accountId,
      );
      const payment = payments[a.pick % Math.max(payments.length, 1)];
      if (payment) dispatch(d.ctx, 'reversePayment', { receiptId: payment.id, reason: 'test' });
      return;
    }
    case 'adjust':
      dispatch(d.ctx, 'postAdjustment', {
        accountId,
        side: 'patient',
        amount: a.cents,
        reasonCode: 'ADMIN',
        memo: 'test',
      });
      return;
    case 'unadjust': {
      // an adjustment this desktop knows of and has not seen reversed
      const adjustments = all<{ id: LedgerEntryId }>(
        d.ctx.db,
        `SELECT id FROM ledger_entries l WHERE account_id = ? AND kind = 'adjustment'
           AND reverses_id IS NULL AND receipt_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM ledger_entries x WHERE x.reverses_id = l.id) ORDER BY id`,
        accountId,
      );
      const entry = adjustments[a.pick % Math.max(adjustments.length, 1)];
      if (entry) dispatch(d.ctx, 'reverseEntry', { entryId: entry.id, reason: 'test' });
      return;
    }
    case 'complete': {
      const open = one<{ id: FollowUpId }>(
        d.ctx.db,
        `SELECT id FROM follow_ups WHERE account_id = ? AND status = 'open' ORDER BY id LIMIT 1`,
        accountId,
      );
      if (open) dispatch(d.ctx, 'completeFollowUp', { followUpId: open.id });
    }
  }
}

/** The office's supervisor edits the one agency at this desk, as Settings sends the form. */
function editTheAgency(d: Desktop, a: Extract<Action, { do: 'agency' }>): void {
  const g = oneOrThrow<{ id: number; columns: string; remittance: 'gross' | 'net' }>(
    d.ctx.db,
    `SELECT id, columns, remittance FROM agencies ORDER BY id LIMIT 1`,
  );
  dispatch({ ...d.ctx, userId: supervisorOf(d) }, 'saveAgency', {
    agencyId: g.id,
    name: a.renamed ? 'Coastal Recovery West' : 'Coastal Recovery',
    columns: JSON.parse(g.columns) as ['account', 'balance'],
    commissionBps: a.commission,
    remittance: g.remittance,
    active: a.active,
  });
}

/** The office's supervisor renames or renumbers one of the first copy's clinics here. */
function editAClinic(d: Desktop, a: Extract<Action, { do: 'facility' }>): void {
  const name = PROPERTY_FACILITIES[a.which] ?? 'North Clinic';
  // found by the first word of its name, which a rename keeps (local ids differ by desk)
  const f = oneOrThrow<{ id: number }>(
    d.ctx.db,
    `SELECT id FROM facilities WHERE id <> 1 AND name LIKE ? || ' %'`,
    name.split(' ')[0] ?? name,
  );
  dispatch({ ...d.ctx, userId: supervisorOf(d) }, 'saveBillingFacility', {
    facilityId: f.id,
    name: a.renamed ? `${name} East` : name,
    npi: a.npi === null ? null : (PROPERTY_NPIS[a.npi] ?? null),
  });
}

/** Each facility as this copy holds it, by office-wide id: its name and NPI. */
export function facilityState(ctx: Ctx): string[] {
  return all<{ id: number; name: string; npi: string | null }>(
    ctx.db,
    `SELECT id, name, npi FROM facilities WHERE id <> 1`,
  )
    .map((f) => `${gidOf(ctx.db, 'facilities', f.id)} ${f.name} ${f.npi ?? '-'}`)
    .sort();
}

/** Each agency as this copy holds it, by office-wide id: its name, terms and version. */
export function agencyState(ctx: Ctx): string[] {
  return all<{ id: number; name: string; bps: number; active: number; version: number | null }>(
    ctx.db,
    `SELECT g.id, g.name, g.commission_bps AS bps, g.active, s.version FROM agencies g
       LEFT JOIN sync_rows s ON s.tbl = 'agencies' AND s.local_id = g.id`,
  )
    .map(
      (g) =>
        `${gidOf(ctx.db, 'agencies', g.id)} ${g.name} ${g.bps} ${g.active} v${g.version ?? '-'}`,
    )
    .sort();
}

/** The letterhead as this copy holds it: where patients pay, and its version. */
export function letterheadState(ctx: Ctx): string {
  const f = oneOrThrow<{ remitTo: string | null; version: number | null }>(
    ctx.db,
    `SELECT f.remit_to AS remitTo, s.version FROM facility f
       LEFT JOIN sync_rows s ON s.tbl = 'letterhead' AND s.local_id = f.id WHERE f.id = 1`,
  );
  return `${f.remitTo ?? '-'} v${f.version ?? '-'}`;
}
