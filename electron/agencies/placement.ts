import type {
  PlacementCandidate,
  PlacementExcluded,
  PlacementPreview,
  PlacementResult,
} from '../../shared/api/agencies';
import { DUNNING_STAGE, type StatementHold } from '../../shared/api/statements';
import type { ParsedInputOf } from '../../shared/api/contract';
import { ApiError, conflict } from '../../shared/api/errors';
import { addDays, daysBetween, formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { sumCents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { plural } from '../../shared/text/count';
import { recordActivity } from '../activities/record';
import { ecaRefusal, recordEcaTaken } from '../collections/eca';
import type { Ctx, ReadCtx } from '../core/context';
import { touchAccount } from '../core/touched';
import type { ReadDb } from '../db/open';
import { all, run } from '../db/query';
import { billingRules } from '../rules/billing-rules';
import { FINAL_NOTICE, STAGES } from '../statements/dunning';
import { accountHolds, accountStates, type AccountState } from '../statements/holds';
import { refuseWaitingAgency } from '../office/held-agencies';
import { requireAgency } from './agencies';
import { batchFile } from './placement-file';

/** How many excluded accounts a preview lists by name; the rest are counted. */
const EXCLUDED_LISTED = 500;

/**
 * Holds the "no holds" rule may set aside: the address is in doubt or insurance has not
 * finished, which an agency can still work. Every other hold always keeps an account back
 * (death, bankruptcy, a dispute or assistance application, a promise, nothing owed), and
 * the pre-collection hold is the very one that waits for this decision.
 */
const SOFT_HOLDS: readonly StatementHold[] = ['returned_mail', 'no_address', 'insurance_pending'];

/** The final notice's date: the last statement once the account reached that stage. */
function finalNoticeDate(s: AccountState): IsoDate | null {
  return s.record && s.record.stage >= FINAL_NOTICE ? s.record.lastStatementDate : null;
}

/** Why the account may not be placed today whatever the rule, or null. */
function refusal(
  db: ReadDb,
  s: AccountState,
  today: IsoDate,
  allowSoftHolds: boolean,
): string | null {
  if (s.status === 'agency') return 'it is already at a collection agency.';
  if (s.status !== 'open') return `it is not open (${s.status.replace('_', ' ')}).`;
  if (s.patientBalance <= 0) return 'the patient owes nothing.';
  if (s.planInGoodStanding) return 'a payment plan is in good standing.';
  const holds = accountHolds(s).filter(
    (h) => h.hold !== 'pre_collection' && !(allowSoftHolds && SOFT_HOLDS.includes(h.hold)),
  );
  const first = holds[0];
  if (first) {
    return first.reason.replace(/^Account \S+: /, '');
  }
  const eca = ecaRefusal(db, s.accountId, 'agency_referral', today);
  if (eca) {
    return eca.allowedFrom
      ? `${eca.message} Allowed from ${formatUsDate(eca.allowedFrom)}.`
      : eca.message;
  }
  return null;
}

function candidateOf(s: AccountState): PlacementCandidate {
  return {
    accountId: s.accountId,
    accountNumber: s.accountNumber,
    guarantorName: s.guarantorName,
    stage: STAGES[s.stage] ?? 'statement',
    finalNoticeDate: finalNoticeDate(s),
    balance: s.patientBalance,
  };
}

/**
 * The accounts a rule picks (stage reached, days since the final notice, balance range) and,
 * of those, the ones that may not go to an agency today with the reason: holds, and the
 * 501(r) gate on extraordinary collection actions.
 */
export function previewPlacement(
  ctx: ReadCtx,
  input: ParsedInputOf<'previewPlacement'>,
): PlacementPreview {
  requireAgency(ctx.db, input.agencyId);
  const today = ctx.clock.today();
  const rules = billingRules(ctx.db);
  const ids = all<{ id: AccountId }>(
    ctx.db,
    `SELECT id FROM accounts WHERE status = 'open' AND patient_balance > 0
       AND patient_balance >= ? AND (? IS NULL OR patient_balance <= ?) ORDER BY id`,
    input.minBalance,
    input.maxBalance ?? null,
    input.maxBalance ?? null,
  ).map((r) => r.id);
  const minStage = DUNNING_STAGE.keys.indexOf(input.minStage);
  const latestNotice = addDays(today, -input.minDaysSinceFinalNotice);
  const eligible: PlacementCandidate[] = [];
  const excluded: PlacementExcluded[] = [];
  let excludedCount = 0;
  for (const s of accountStates(ctx.db, today, rules, { accountIds: ids })) {
    if (s.stage < minStage) continue;
    const notice = finalNoticeDate(s);
    if (input.minDaysSinceFinalNotice > 0 && (notice === null || notice > latestNotice)) continue;
    const why = refusal(ctx.db, s, today, !input.noHolds);
    if (why === null) eligible.push(candidateOf(s));
    else {
      excludedCount += 1;
      if (excluded.length < EXCLUDED_LISTED) {
        excluded.push({ accountId: s.accountId, accountNumber: s.accountNumber, reason: why });
      }
    }
  }
  return {
    eligible,
    excluded,
    eligibleBalance: sumCents(eligible.map((e) => e.balance)),
    excludedNotListed: excludedCount - excluded.length,
  };
}

/**
 * Sends the accounts chosen (from a preview) to the agency: each is checked again, all of
 * them or none are placed. An account placed is at the agency from today, its statements
 * stop (the 'agency' status holds them) and its history says so; the file for the agency
 * holds only the columns the agency's layout chose.
 */
export function placeAccounts(ctx: Ctx, input: ParsedInputOf<'placeAccounts'>): PlacementResult {
  const agency = requireAgency(ctx.db, input.agencyId);
  if (!agency.active)
    throw conflict(`${agency.name} is no longer in use; no account can be placed with it.`);
  refuseWaitingAgency(ctx.db, agency.id, 'place');
  const today = ctx.clock.today();
  const rules = billingRules(ctx.db);
  const states = new Map(
    accountStates(ctx.db, today, rules, { accountIds: input.accountIds }).map((s) => [
      s.accountId,
      s,
    ]),
  );
  const problems: { path: string; message: string }[] = [];
  const seen = new Set<number>();
  input.accountIds.forEach((id, i) => {
    const path = `accountIds.${i}`;
    const s = states.get(id);
    if (!s) problems.push({ path, message: `Account ${id} was not found.` });
    else if (seen.has(id)) {
      problems.push({ path, message: `Account ${s.accountNumber} is chosen twice.` });
    } else {
      // soft holds were the rule's choice in the preview; the rest always keep it back
      const why = refusal(ctx.db, s, today, true);
      if (why) problems.push({ path, message: `Account ${s.accountNumber}: ${why}` });
    }
    seen.add(id);
  });
  if (problems.length > 0) {
    throw new ApiError({
      code: 'invalid_input',
      message: `${plural(problems.length, 'account')} of ${input.accountIds.length} cannot be placed; nothing was placed.`,
      details: problems,
    });
  }
  const placed = input.accountIds.map((id) => states.get(id)).filter((s) => s !== undefined);
  const balance = sumCents(placed.map((s) => s.patientBalance));
  const batchId = Number(
    run(
      ctx.db,
      `INSERT INTO agency_placement_batches (agency_id, placed_on, columns, account_count,
           balance, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      agency.id,
      today,
      JSON.stringify(agency.columns),
      placed.length,
      balance,
      ctx.clock.now(),
      ctx.userId,
    ).lastInsertRowid,
  );
  for (const s of placed) {
    run(
      ctx.db,
      `INSERT INTO agency_placements (agency_id, batch_id, account_id, placed_on, balance_placed)
         VALUES (?, ?, ?, ?, ?)`,
      agency.id,
      batchId,
      s.accountId,
      today,
      s.patientBalance,
    );
    run(ctx.db, `UPDATE accounts SET status = 'agency' WHERE id = ?`, s.accountId);
    recordEcaTaken(ctx, s.accountId, 'agency_referral', `Placed with ${agency.name}`);
    const notice = finalNoticeDate(s);
    recordActivity(ctx, {
      accountId: s.accountId,
      kind: 'system',
      text: `Placed with ${agency.name} on ${formatUsDate(today)} with a patient balance of ${formatCents(s.patientBalance)}${notice ? `, ${daysBetween(notice, today)} days after the final notice of ${formatUsDate(notice)}` : ''}. Statements stop while the account is at the agency.`,
    });
    touchAccount(ctx.db, s.accountId);
  }
  return {
    batchId,
    accountIds: placed.map((s) => s.accountId),
    balance,
    file: batchFile(ctx.db, batchId),
    message: `${plural(placed.length, 'account')} placed with ${agency.name}, ${formatCents(balance)} in all.`,
  };
}
