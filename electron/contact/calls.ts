import type { CallingTime } from '../../shared/api/contact';
import type { BillingRules } from '../../shared/api/rules';
import { ApiError, conflict } from '../../shared/api/errors';
import { hourLabel, localTimeIn, stateTimeZone } from '../../shared/codes/us-time-zones';
import type { Direction, Party } from '../../shared/codes/enums';
import type { AccountId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import type { ReadDb } from '../db/open';
import { one, run } from '../db/query';
import { billingRules } from '../rules/billing-rules';
import { contactRestrictions } from './restrictions';

const SEVEN_DAYS_MS = 7 * 86_400_000;

/** Restrictions under which an outbound call to the patient or guarantor is not made at all. */
const NO_CALLS = new Set(['cease_contact', 'attorney', 'bankruptcy']);

/** The person's time now, from the state of their current address; null when none names a zone. */
export function callingTimeOf(
  db: ReadDb,
  personId: number,
  now: string,
  rules: BillingRules,
): CallingTime | null {
  // the current address is the latest effective one, ties to the latest recorded
  const row = one<{ name: string; state: string }>(
    db,
    `SELECT p.first_name || ' ' || p.last_name AS name, ad.state FROM people p
       JOIN addresses ad ON ad.id = (SELECT id FROM addresses WHERE person_id = p.id
         ORDER BY effective_date DESC, id DESC LIMIT 1)
       WHERE p.id = ?`,
    personId,
  );
  const zone = row && stateTimeZone(row.state);
  if (!row || !zone) return null;
  const local = localTimeIn(zone.zone, now);
  return {
    personName: row.name,
    state: row.state,
    zone: zone.zone,
    localTime: local.label,
    otherPart: zone.otherPart,
    withinHours:
      local.minutes >= rules.callingHoursStart * 60 && local.minutes < rules.callingHoursEnd * 60,
  };
}

/** Outbound calls to the patient or guarantor about the account in the seven days to now. */
export function callsInSevenDays(db: ReadDb, accountId: AccountId, now: string): number {
  const since = new Date(Date.parse(now) - SEVEN_DAYS_MS).toISOString();
  return (
    one<{ n: number }>(
      db,
      `SELECT count(*) AS n FROM activities
         WHERE account_id = ? AND kind = 'call' AND direction = 'outbound'
           AND party IN ('patient', 'guarantor') AND occurred_at > ?`,
      accountId,
      since,
    )?.n ?? 0
  );
}

export interface CallCheck {
  /** The time of the person called, kept with the call. */
  time: CallingTime | null;
  /** What the representative confirmed to log it. */
  warnings: string[];
}

interface CallAbout {
  accountId: AccountId;
  direction: Direction | null;
  party: Party | null;
  confirmContactWarnings: boolean;
}

/**
 * Decides whether a call may be logged: an outbound call to the patient or guarantor is
 * refused under a restriction that stops calls, and warns (refused until confirmed) outside
 * calling hours in their zone, beyond the week's attempts or while a written dispute stands.
 * Returns null for a call these rules do not cover (a payer, an inbound call's direction...).
 */
export function checkCall(ctx: Ctx, call: CallAbout): CallCheck | null {
  if (call.party !== 'patient' && call.party !== 'guarantor') return null;
  const rules = billingRules(ctx.db);
  const now = ctx.clock.now();
  const people = one<{ patientId: number; guarantorId: number }>(
    ctx.db,
    `SELECT patient_id AS patientId, guarantor_id AS guarantorId FROM accounts WHERE id = ?`,
    call.accountId,
  );
  if (!people) return null;
  const personId = call.party === 'patient' ? people.patientId : people.guarantorId;
  const time = callingTimeOf(ctx.db, personId, now, rules);
  if (call.direction !== 'outbound') return { time, warnings: [] };

  const restrictions = contactRestrictions(ctx.db, call.accountId);
  const stop = restrictions.find((r) => NO_CALLS.has(r.kind));
  if (stop) {
    // the attorney's name and phone are in the reason already
    const instead =
      stop.kind === 'attorney' ? ' Call the attorney instead, and log it as a call with them.' : '';
    throw conflict(`No call to the ${call.party} may be logged: ${stop.reason}.${instead}`);
  }
  const warnings: string[] = [];
  for (const r of restrictions.filter((x) => x.kind === 'written_dispute')) {
    warnings.push(`${r.reason}: collection waits for the dispute to be answered.`);
  }
  const hours = `${hourLabel(rules.callingHoursStart)} to ${hourLabel(rules.callingHoursEnd)}`;
  if (!time) {
    warnings.push(
      `No address on file for the ${call.party} names a time zone, so calling hours (${hours}) cannot be checked.`,
    );
  } else if (!time.withinHours) {
    const split = time.otherPart ? ` ${time.state} spans zones (${time.otherPart}).` : '';
    warnings.push(
      `It is ${time.localTime} for ${time.personName} (${time.state}), outside calling hours ${hours}.${split}`,
    );
  }
  const made = callsInSevenDays(ctx.db, call.accountId, now);
  if (made >= rules.weeklyCallAttempts) {
    warnings.push(
      `${made} outbound calls about this account in the last seven days; the office allows ${rules.weeklyCallAttempts}.`,
    );
  }
  if (warnings.length > 0 && !call.confirmContactWarnings) {
    throw new ApiError({
      code: 'conflict',
      message: `Confirm before logging this call: ${warnings.join(' ')}`,
      details: warnings.map((message) => ({ path: 'confirmContactWarnings', message })),
    });
  }
  return { time, warnings };
}

/** Keeps the time of the person called, and any warnings confirmed, with the logged call. */
export function recordCallTime(
  ctx: Ctx,
  activityId: number,
  accountId: AccountId,
  check: CallCheck,
): void {
  run(
    ctx.db,
    `INSERT INTO call_times (activity_id, account_id, time_zone, local_label, warnings)
       VALUES (?, ?, ?, ?, ?)`,
    activityId,
    accountId,
    check.time?.zone ?? null,
    check.time ? `${check.time.localTime} (${check.time.state})` : null,
    JSON.stringify(check.warnings),
  );
}
