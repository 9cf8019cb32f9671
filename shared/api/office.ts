import { z } from 'zod';
import type { IsoDate } from '../dates/iso-date';
import type { AccountId, FollowUpId } from '../ids';
import { accountIdField, followUpIdField, none } from './fields';
import { read, write, type MethodGroup } from './method';

/**
 * The office database as a desktop sees it: the actions the office's server refused,
 * listed for a person to redo or dismiss, so nothing a representative did is lost unseen.
 */

/** One refused action, as its author (or a supervisor) reads it. */
export interface NotSyncedView {
  seq: number;
  /** When the action was taken here, ISO-8601 UTC. */
  takenAt: string;
  /** Who took it. */
  by: string;
  /** When the office refused it, ISO-8601 UTC. */
  refusedAt: string;
  /** The server's reason, in words: "Someone changed this follow-up first: …". */
  reason: string;
  /** The account it was on, when this desktop has it. */
  accountId: AccountId | null;
  accountNumber: string | null;
  /** What it did, one line each: the note's text, the follow-up as it was set. */
  lines: string[];
  /** Whether this user may dismiss it: its author, or a supervisor. */
  canDismiss: boolean;
}

export interface NotSyncedList {
  /** Whether this desktop belongs to an office at all. */
  linked: boolean;
  /** Oldest first: a representative's own; a supervisor sees everyone's. */
  actions: NotSyncedView[];
}

export const dismissNotSyncedInput = z.strictObject({
  seq: z.number('Choose an action.').int('Choose an action.').positive('Choose an action.'),
});

export const officeMethods = {
  listNotSynced: read<NotSyncedList>()(none),
  /** The action has been redone by hand, or is not needed: it leaves the list, kept in history. */
  dismissNotSynced: write<{ dismissed: true }>()(dismissNotSyncedInput),
} satisfies MethodGroup;

/*
 * Who is working which account now, at the other desks of the office. Presence, not data:
 * it never travels through the outbox, and a desk that cannot reach the office says that
 * it does not know rather than that no one is working.
 */

/** Another desk's representative with an account open. */
export interface WorkingMark {
  accountId: AccountId;
  /** The follow-up they are working on it, when they said. */
  followUpId: FollowUpId | null;
  userName: string;
  /** When they opened it, ISO-8601 UTC. */
  since: string;
}

export interface WorkingMarksView {
  /** standalone: no office; offline: not known now; live: as the office said last. */
  state: 'standalone' | 'offline' | 'live';
  /** This desktop's day, against which a mark from an earlier day gives its date. */
  today: IsoDate;
  /** At most one per other desk, oldest first; a few dozen in the largest office. */
  marks: WorkingMark[];
}

export const startWorkingInput = z.strictObject({
  accountId: accountIdField(),
  followUpId: followUpIdField().optional(),
});

export const stopWorkingInput = z.strictObject({ accountId: accountIdField() });

export const officeWorkingMethods = {
  /** The other desks' marks, all of them: the queue looks its rows up by account. */
  listWorkingMarks: read<WorkingMarksView>()(none),
  /** This desk has the account open (and is working this follow-up of it). */
  startWorking: write<{ working: true }>()(startWorkingInput),
  /** This desk left the account (or locked): its mark comes down. */
  stopWorking: write<{ working: false }>()(stopWorkingInput),
} satisfies MethodGroup;
