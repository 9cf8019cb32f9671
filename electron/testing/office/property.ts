import type { AccountId, UserId } from '../../../shared/ids';
import { dispatch } from '../dispatch';
import type { Ctx } from '../../core/context';
import { all, one, oneOrThrow, run } from '../../db/query';
import { ensureUser } from '../../users/users';
import { atFinalNotice } from '../agencies';
import { makeSupervisor } from '../builders';
import { call } from '../call';
import { gidOf } from '../../office/gids';
import { sealOutbox } from '../../office/outbox';
import type { Desktop } from './desktops';
import { owing } from './money';
import { PROPERTY_LIMITS } from './property-requests';

/**
 * The copy the property test's desktops start from: each account owing $200.00, the payer
 * the imported claims bill, and a supervisor of the office who places accounts with its one
 * agency (no 501(r) gate on referrals here), under approval limits its accounts can exceed.
 */
export function owingWithAcme(ctx: Ctx, accountId: AccountId): void {
  owing(ctx, accountId);
  run(
    ctx.db,
    `INSERT OR IGNORE INTO payers (name, payer_code, financial_class, timely_filing_days,
         appeal_window_days) VALUES ('Acme Health Plan', 'ACME01', 'commercial', 180, 180)`,
  );
  if (one(ctx.db, `SELECT 1 AS n FROM agencies`)) return;
  const sup = { ...ctx, userId: ensureUser(ctx.db, 'sup.office', 'Sam Office', ctx.clock.now()) };
  makeSupervisor(ctx, sup.userId);
  call(sup, 'saveBillingRules', { bound501r: 0, ...PROPERTY_LIMITS });
  call(sup, 'saveFacility', PROPERTY_LETTERHEAD);
  call(sup, 'saveAgency', {
    name: 'Coastal Recovery',
    columns: ['account', 'balance'],
    commissionBps: 2500,
    remittance: 'gross',
  });
}

/**
 * Two clinics accounts are billed under, added at the first desk once the office is made and
 * taken by the others, whose names and NPIs the desks then change in Settings. Not in the
 * first copy: a first-copy facility's first change refused for its NPI has no office row to
 * take, so its desk keeps it, listed, apart from the others (see DESIGN, facilities).
 * Returns the entries the first desk wrote for them.
 */
export async function withClinics(desktops: readonly Desktop[]): Promise<number> {
  const [first] = desktops;
  if (!first) return 0;
  const sup = { ...first.ctx, userId: supervisorOf(first) };
  for (const [i, name] of PROPERTY_FACILITIES.entries()) {
    call(sup, 'saveBillingFacility', { facilityId: null, name, npi: PROPERTY_NPIS[i] ?? null });
  }
  const written = all(first.ctx.db, `SELECT seq FROM outbox`).length;
  await first.sync.sync();
  for (const d of desktops) await d.sync.pull();
  return written;
}

/** The hospital's letterhead in the first copy; the desks change where patients pay. */
export const PROPERTY_LETTERHEAD = {
  name: 'Harbor Point Hospital',
  line1: '10 Quay Street',
  city: 'Portland',
  state: 'ME',
  zip: '04101',
  remitTo: 'PO Box 100\nPortland, ME 04101',
};

/** The office's supervisor at a desk. */
export const supervisorOf = (d: Desktop) =>
  oneOrThrow<{ id: UserId }>(d.ctx.db, `SELECT id FROM users WHERE username = 'sup.office'`).id;

/** The two clinics, and the NPIs (valid, one spare) the desks give them. */
export const PROPERTY_FACILITIES = ['North Clinic', 'South Clinic'] as const;
export const PROPERTY_NPIS = ['1111111112', '2222222228', '1234567893'] as const;

/** The office's supervisor places the account with the agency from this desk, if it may. */
export function placeWithAgency(d: Desktop, accountId: AccountId): void {
  // the dunning cycle is each desk's own: past its final notice here
  if (!one(d.ctx.db, `SELECT 1 AS n FROM dunning_stages WHERE account_id = ?`, accountId)) {
    // written here outside a request, so sealed as its own entry at once, as a request's
    // commit would: else a placement refused (nothing owed, the agency inactive) leaves it
    // to go out with the next sync, an entry no action wrote
    d.ctx.db.transaction(() => {
      atFinalNotice(d.ctx, accountId, 45);
      sealOutbox(d.ctx.db, d.ctx.clock.now(), d.ctx.userId);
    })();
  }
  const sup = supervisorOf(d);
  const agencyId = oneOrThrow<{ id: number }>(d.ctx.db, `SELECT min(id) AS id FROM agencies`).id;
  dispatch({ ...d.ctx, userId: sup }, 'placeAccounts', { agencyId, accountIds: [accountId] });
}

/** A base account, or an imported one this desktop has (undefined: it has none yet). */
export function accountOf(d: Desktop, base: AccountId[], n: number): AccountId | undefined {
  if (n < base.length) return base[n];
  return one<{ id: AccountId }>(
    d.ctx.db,
    `SELECT id FROM accounts WHERE account_number = ?`,
    `N${n - base.length}`,
  )?.id;
}

/** Entries each desktop wrote, by where they ended: on the server, or listed as not synced. */
export function ledgerOfEntries(d: Desktop): { outbox: number; notSynced: number } {
  return {
    outbox: all(d.ctx.db, `SELECT seq FROM outbox`).length,
    notSynced: all(d.ctx.db, `SELECT seq FROM not_synced`).length,
  };
}

/** Each account's status and its placements (recalled or not), by office-wide ids. */
export function collectionState(ctx: Ctx): string[] {
  const accounts = all<{ id: number; status: string }>(ctx.db, `SELECT id, status FROM accounts`);
  const placements = all<{ id: number; account: number; recalled: string | null }>(
    ctx.db,
    `SELECT id, account_id AS account, recalled_on AS recalled FROM agency_placements`,
  );
  return [
    ...accounts.map((a) => `${gidOf(ctx.db, 'accounts', a.id)} ${a.status}`),
    ...placements.map(
      (p) =>
        `${gidOf(ctx.db, 'agency_placements', p.id)} ${gidOf(ctx.db, 'accounts', p.account)}` +
        ` ${p.recalled ?? 'open'}`,
    ),
  ].sort();
}
