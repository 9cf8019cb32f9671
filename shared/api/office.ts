import { z } from 'zod';
import type { AccountId } from '../ids';
import { none } from './fields';
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
