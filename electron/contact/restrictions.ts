import {
  CONTACT_RESTRICTION,
  type ContactRestrictionKind,
  type ContactRestrictionView,
  type ContactRules,
} from '../../shared/api/contact';
import type { ParsedInputOf } from '../../shared/api/contract';
import { conflict, invalid, notFound } from '../../shared/api/errors';
import { formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { recordActivity } from '../activities/record';
import type { Ctx } from '../core/context';
import { touchAccount } from '../core/touched';
import type { ReadDb } from '../db/open';
import { all, one, run } from '../db/query';
import { getContactRules } from './rules-view';

/** What each restriction stops, as the account and the history say it. */
export const RESTRICTION_EFFECT: Record<ContactRestrictionKind, string> = {
  cease_contact:
    'No calls to the patient or guarantor; letters and statements held; not placed with an agency.',
  written_dispute:
    'Collection on this account waits for the dispute to be answered: calls warn; letters and statements held; not placed with an agency.',
  attorney:
    'Contact the attorney, not the guarantor: calls to the patient or guarantor refused; letters and statements held; not placed with an agency.',
  bankruptcy:
    'No collection while the bankruptcy stands: no calls to the patient or guarantor; letters and statements held; not placed with an agency.',
};

/** One restriction in force on an account, as another domain needs it. */
export interface ActiveRestriction {
  id: number;
  kind: ContactRestrictionKind;
  effectiveDate: IsoDate;
  /** In words: "Request to stop contact received 03/10/2026". */
  reason: string;
  attorney: { name: string; phone: string | null; address: string | null } | null;
}

interface Row {
  id: number;
  kind: ContactRestrictionKind;
  accountId: number;
  accountNumber: string;
  personName: string;
  effectiveDate: IsoDate;
  note: string | null;
  attorneyName: string | null;
  attorneyPhone: string | null;
  attorneyAddress: string | null;
  recordedAt: string;
  recordedBy: string;
  liftedAt: string | null;
  liftedBy: string | null;
  liftReason: string | null;
}

// a dispute is about the account it names; the other restrictions are the guarantor's
const COVERS = `(cr.account_id = @accountId OR (cr.kind <> 'written_dispute'
    AND cr.person_id = (SELECT guarantor_id FROM accounts WHERE id = @accountId)))`;

const SELECT = `SELECT cr.id, cr.kind, cr.account_id AS accountId, a.account_number AS accountNumber,
    p.first_name || ' ' || p.last_name AS personName, cr.effective_date AS effectiveDate, cr.note,
    cr.attorney_name AS attorneyName, cr.attorney_phone AS attorneyPhone,
    cr.attorney_address AS attorneyAddress, cr.recorded_at AS recordedAt,
    ru.display_name AS recordedBy, cr.lifted_at AS liftedAt, lu.display_name AS liftedBy,
    cr.lift_reason AS liftReason
  FROM contact_restrictions cr JOIN accounts a ON a.id = cr.account_id
  JOIN people p ON p.id = cr.person_id JOIN users ru ON ru.id = cr.recorded_by
  LEFT JOIN users lu ON lu.id = cr.lifted_by`;

function attorneyOf(r: Row) {
  return r.attorneyName
    ? { name: r.attorneyName, phone: r.attorneyPhone, address: r.attorneyAddress }
    : null;
}

function reasonOf(r: Pick<Row, 'kind' | 'effectiveDate' | 'attorneyName' | 'attorneyPhone'>) {
  const base = `${CONTACT_RESTRICTION.labels[r.kind]} on ${formatUsDate(r.effectiveDate)}`;
  if (r.kind !== 'attorney' || !r.attorneyName) return base;
  return `${base}: ${r.attorneyName}${r.attorneyPhone ? `, ${r.attorneyPhone}` : ''}`;
}

/**
 * The restrictions in force on an account today, oldest first: every path that contacts a
 * guarantor or hands the account on (calls, letters, statements, agency placement) asks
 * this and holds back while it is not empty.
 */
export function contactRestrictions(db: ReadDb, accountId: AccountId): ActiveRestriction[] {
  return all<Row>(
    db,
    `${SELECT} WHERE cr.lifted_at IS NULL AND ${COVERS} ORDER BY cr.effective_date, cr.id`,
    { accountId },
  ).map((r) => ({
    id: r.id,
    kind: r.kind,
    effectiveDate: r.effectiveDate,
    reason: reasonOf(r),
    attorney: attorneyOf(r),
  }));
}

/** Every restriction that covers or covered the account: in force first, then lifted. */
export function restrictionHistory(db: ReadDb, accountId: AccountId): ContactRestrictionView[] {
  return all<Row>(
    db,
    `${SELECT} WHERE ${COVERS}
       ORDER BY cr.lifted_at IS NOT NULL, cr.effective_date DESC, cr.id DESC LIMIT 100`,
    { accountId },
  ).map((r) => ({
    id: r.id,
    kind: r.kind,
    accountId: r.accountId,
    accountNumber: r.accountNumber,
    personName: r.personName,
    effectiveDate: r.effectiveDate,
    note: r.note,
    attorney: attorneyOf(r),
    recordedAt: r.recordedAt,
    recordedBy: r.recordedBy,
    lifted:
      r.liftedAt && r.liftedBy && r.liftReason
        ? { at: r.liftedAt, by: r.liftedBy, reason: r.liftReason }
        : null,
    effect: RESTRICTION_EFFECT[r.kind],
  }));
}

/** The accounts a restriction recorded on this account covers, for their history rows. */
function coveredAccounts(ctx: Ctx, kind: ContactRestrictionKind, accountId: AccountId) {
  if (kind === 'written_dispute') return [accountId];
  return all<{ id: AccountId }>(
    ctx.db,
    `SELECT id FROM accounts
       WHERE guarantor_id = (SELECT guarantor_id FROM accounts WHERE id = ?) ORDER BY id`,
    accountId,
  ).map((a) => a.id);
}

export function recordContactRestriction(
  ctx: Ctx,
  input: ParsedInputOf<'recordContactRestriction'>,
): ContactRules {
  const account = one<{ guarantorId: number; accountNumber: string }>(
    ctx.db,
    `SELECT guarantor_id AS guarantorId, account_number AS accountNumber FROM accounts
       WHERE id = ?`,
    input.accountId,
  );
  if (!account) throw notFound('The account');
  if (input.effectiveDate > ctx.clock.today()) {
    throw invalid(
      `The date ${formatUsDate(input.effectiveDate)} is in the future.`,
      'effectiveDate',
    );
  }
  const label = CONTACT_RESTRICTION.labels[input.kind];
  if (contactRestrictions(ctx.db, input.accountId).some((r) => r.kind === input.kind)) {
    throw conflict(`${label} is already recorded on this account; lift it first to change it.`);
  }
  const attorney = input.kind === 'attorney';
  run(
    ctx.db,
    `INSERT INTO contact_restrictions (account_id, person_id, kind, effective_date, note,
         attorney_name, attorney_phone, attorney_address, recorded_at, recorded_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    input.accountId,
    account.guarantorId,
    input.kind,
    input.effectiveDate,
    input.note,
    attorney ? input.attorneyName : null,
    attorney ? input.attorneyPhone : null,
    attorney ? input.attorneyAddress : null,
    ctx.clock.now(),
    ctx.userId,
  );
  const reason = reasonOf({
    kind: input.kind,
    effectiveDate: input.effectiveDate,
    attorneyName: attorney ? input.attorneyName : null,
    attorneyPhone: attorney ? input.attorneyPhone : null,
  });
  for (const id of coveredAccounts(ctx, input.kind, input.accountId)) {
    recordActivity(ctx, {
      accountId: id,
      kind: 'system',
      text: `Contact restricted: ${reason}${id === input.accountId ? '' : ` (recorded on account ${account.accountNumber})`}${input.note ? `. Note: ${input.note}` : ''}. ${RESTRICTION_EFFECT[input.kind]}`,
    });
    touchAccount(ctx.db, id);
  }
  return getContactRules(ctx, { accountId: input.accountId });
}

/** A supervisor lifts a restriction with the reason; the row keeps who, when and why. */
export function liftContactRestriction(
  ctx: Ctx,
  input: ParsedInputOf<'liftContactRestriction'>,
): ContactRules {
  const r = one<Row>(ctx.db, `${SELECT} WHERE cr.id = @id`, { id: input.restrictionId });
  if (!r) throw notFound('The contact restriction');
  if (r.liftedAt) {
    throw conflict(`${CONTACT_RESTRICTION.labels[r.kind]} was already lifted.`);
  }
  run(
    ctx.db,
    `UPDATE contact_restrictions SET lifted_at = ?, lifted_by = ?, lift_reason = ? WHERE id = ?`,
    ctx.clock.now(),
    ctx.userId,
    input.reason,
    r.id,
  );
  for (const id of coveredAccounts(ctx, r.kind, r.accountId as AccountId)) {
    recordActivity(ctx, {
      accountId: id,
      kind: 'system',
      text: `Contact restriction lifted: ${reasonOf(r)}. Reason: ${input.reason}`,
    });
    touchAccount(ctx.db, id);
  }
  return getContactRules(ctx, { accountId: r.accountId as AccountId });
}
