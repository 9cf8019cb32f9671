import {
  APPLICATION_DAYS,
  NOTICE_DAYS,
  NOTIFICATION_DAYS,
  type ApplicationStatus,
  type AssistanceApplicationView,
  type EcaAction,
  type EcaNoticeView,
  type ExtraordinaryActionView,
} from '../../shared/api/fap';
import { addDays, formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId, DocumentId } from '../../shared/ids';
import type { Cents } from '../../shared/money/cents';
import type { ReadDb } from '../db/open';
import { all, one } from '../db/query';
import { billingRules } from '../rules/billing-rules';

/** What the 501(r) clock knows of one account (one episode of care). */
export interface Clock501r {
  accountId: AccountId;
  bound: boolean;
  episodeEnd: IsoDate;
  firstStatementDate: IsoDate | null;
  notificationEnds: IsoDate | null;
  applicationEnds: IsoDate | null;
  notices: EcaNoticeView[];
  applications: AssistanceApplicationView[];
  actions: ExtraordinaryActionView[];
}

const later = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

/**
 * The first billing statement after the episode ended: a statement filed on the account
 * dated on or after discharge, or the first statement date an imported history gave (a
 * spreadsheet of accounts already being billed elsewhere). Letters do not count: 501(r)
 * counts from the first post-discharge billing statement.
 */
function firstStatement(db: ReadDb, accountId: AccountId, episodeEnd: IsoDate): IsoDate | null {
  const row = one<{ first: IsoDate | null }>(
    db,
    `SELECT min(d) AS first FROM (
       SELECT min(document_date) AS d FROM documents
         WHERE account_id = ? AND kind = 'statement' AND document_date >= ?
       UNION ALL
       SELECT first_statement_date FROM dunning_stages
         WHERE account_id = ? AND source = 'import' AND first_statement_date >= ?)`,
    accountId,
    episodeEnd,
    accountId,
    episodeEnd,
  );
  return row?.first ?? null;
}

/** Reads the clock; null when the account does not exist. */
export function read501r(db: ReadDb, accountId: AccountId): Clock501r | null {
  const account = one<{ episodeEnd: IsoDate }>(
    db,
    `SELECT coalesce(discharge_date, service_date) AS episodeEnd FROM accounts WHERE id = ?`,
    accountId,
  );
  if (!account) return null;
  const first = firstStatement(db, accountId, account.episodeEnd);
  const applicationEnds = first ? addDays(first, APPLICATION_DAYS) : null;
  const applications = all<{
    id: number;
    receivedOn: IsoDate;
    status: ApplicationStatus;
    missing: string | null;
    completeBy: IsoDate | null;
    discountedAmount: Cents | null;
    decidedOn: IsoDate | null;
    note: string | null;
  }>(
    db,
    `SELECT id, received_on AS receivedOn, status, missing, complete_by AS completeBy,
         discounted_amount AS discountedAmount, decided_on AS decidedOn, decision_note AS note
       FROM assistance_applications WHERE account_id = ? ORDER BY received_on, id`,
    accountId,
  ).map((a) => ({
    ...a,
    missing: a.missing ? (JSON.parse(a.missing) as string[]) : [],
    withinApplicationPeriod: applicationEnds ? a.receivedOn <= applicationEnds : null,
  }));
  return {
    accountId,
    bound: billingRules(db).bound501r === 1,
    episodeEnd: account.episodeEnd,
    firstStatementDate: first,
    notificationEnds: first ? addDays(first, NOTIFICATION_DAYS) : null,
    applicationEnds,
    notices: all<EcaNoticeView & { documentId: DocumentId }>(
      db,
      `SELECT document_id AS documentId, sent_on AS sentOn, deadline FROM eca_notices
         WHERE account_id = ? ORDER BY sent_on, id`,
      accountId,
    ),
    applications,
    actions: all<ExtraordinaryActionView>(
      db,
      `SELECT id, action, taken_on AS takenOn, note, reversed_on AS reversedOn,
           reversal_reason AS reversalReason
         FROM extraordinary_actions WHERE account_id = ? ORDER BY taken_on, id`,
      accountId,
    ),
  };
}

/**
 * The deadline a notice sent today would name: 30 days from today, and never before the
 * 120-day notification period ends.
 */
export function noticeDeadline(clock: Clock501r, today: IsoDate): IsoDate | null {
  if (!clock.notificationEnds) return null;
  return later(clock.notificationEnds, addDays(today, NOTICE_DAYS));
}

/**
 * The application that suspends ECAs today, if any: one being reviewed, or an incomplete
 * one within the time its notice gave to complete it; after that, with nothing more sent,
 * they may resume (26 CFR 1.501(r)-6(c)(5)).
 */
export function suspendingApplication(
  clock: Clock501r,
  today: IsoDate,
): AssistanceApplicationView | null {
  return (
    clock.applications.find(
      (a) =>
        a.status === 'pending' ||
        (a.status === 'incomplete' && (a.completeBy === null || today <= a.completeBy)),
    ) ?? null
  );
}

export interface EcaGate {
  message: string;
  allowedFrom: IsoDate | null;
}

/**
 * Whether an extraordinary collection action (null: any of them) may be taken today. The
 * notice that counts is the latest one sent after the last eligible decision: a patient
 * found eligible who still owes the discounted amount is told again before any ECA.
 */
export function gate(clock: Clock501r, action: EcaAction | null, today: IsoDate): EcaGate | null {
  if (!clock.bound) return null;
  const what = action ? ACTION_WORDS[action] : 'extraordinary collection action';
  const open = suspendingApplication(clock, today);
  if (open) {
    const until =
      open.status === 'incomplete' && open.completeBy
        ? ` until it is decided, or past ${formatUsDate(open.completeBy)} if nothing more comes`
        : ' until it is decided';
    return {
      message: `No ${what}: a financial-assistance application received ${formatUsDate(open.receivedOn)} is ${open.status === 'incomplete' ? 'incomplete, waiting for the applicant' : 'being reviewed'}, and extraordinary collection actions are suspended${until}.`,
      allowedFrom: null,
    };
  }
  if (!clock.firstStatementDate || !clock.notificationEnds) {
    return {
      message: `No ${what}: no billing statement has gone out since the episode of care ended (${formatUsDate(clock.episodeEnd)}); section 501(r) counts 120 days from the first one.`,
      allowedFrom: null,
    };
  }
  const lastEligible =
    clock.applications
      .flatMap((a) => (a.status === 'eligible' && a.decidedOn ? [a.decidedOn] : []))
      .sort()
      .at(-1) ?? null;
  const notice = [...clock.notices]
    .reverse()
    .find((n) => lastEligible === null || n.sentOn >= lastEligible);
  if (!notice) {
    const ifToday = noticeDeadline(clock, today) ?? clock.notificationEnds;
    return {
      message: `No ${what}: the written notice naming the collection actions and their deadline has not been sent${lastEligible ? ' since the patient was found eligible for assistance' : ''}. Sent today, it would allow them from ${formatUsDate(ifToday)}.`,
      allowedFrom: null,
    };
  }
  const allowedFrom = later(
    later(clock.notificationEnds, addDays(notice.sentOn, NOTICE_DAYS)),
    notice.deadline,
  );
  if (today < allowedFrom) {
    const why =
      allowedFrom === clock.notificationEnds
        ? `the 120-day notification period after the first statement (${formatUsDate(clock.firstStatementDate)}) runs to then`
        : `the written notice of ${formatUsDate(notice.sentOn)} gives the patient until then`;
    return {
      message: `No ${what} before ${formatUsDate(allowedFrom)}: ${why}.`,
      allowedFrom,
    };
  }
  return null;
}

const ACTION_WORDS: Record<EcaAction, string> = {
  agency_referral: 'referral to a collection agency',
  credit_report: 'credit reporting',
  debt_sale: 'sale of the debt',
  legal_action: 'legal action',
};
