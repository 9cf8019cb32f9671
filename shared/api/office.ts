import { z } from 'zod';
import type { IsoDate } from '../dates/iso-date';
import type { AccountId, FollowUpId } from '../ids';
import { accountIdField, followUpIdField, none } from './fields';
import { read, supervisor, write, type MethodGroup } from './method';

/**
 * The office database as a desktop sees it: the actions the office's server refused,
 * listed for a person to redo or dismiss, so nothing a representative did is lost unseen.
 */

/** One refused action, as its author (or a supervisor) reads it, or an office change waiting. */
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
  /**
   * An office change this desktop cannot take until a person puts right what holds it back
   * here (an agency renamed at another desktop to a name an agency kept here has): `seq`
   * then only tells it apart, it is never dismissed, and it leaves the list once taken.
   */
  waiting: boolean;
}

export interface NotSyncedList {
  /** Whether this desktop belongs to an office at all. */
  linked: boolean;
  /**
   * Oldest first: a representative's own; a supervisor sees everyone's. Then the office's
   * changes waiting here, which everyone sees: they hold back work anyone may be doing.
   */
  actions: NotSyncedView[];
}

export const dismissNotSyncedInput = z.strictObject({
  seq: z.number('Choose an action.').int('Choose an action.').positive('Choose an action.'),
});

/**
 * How this desktop stands with its office, for the status line: standalone (no office
 * server set, or this desktop not part of an office), or what its sync worker says.
 */
export type OfficeStatusView =
  | { state: 'standalone' }
  | { state: 'connecting' }
  | { state: 'synced'; at: string; waiting: number; notSynced: number }
  | {
      state: 'offline';
      since: string;
      /** In plain words, never the server's own text. */
      reason: string;
      retryInSeconds: number;
      waiting: number;
      notSynced: number;
    }
  | { state: 'update-needed'; message: string }
  /** The copy belongs to an office but no worker runs: why, and who can put it right. */
  | { state: 'not-connected'; reason: string }
  /** The office's database is being made from this desktop, or downloaded to join it. */
  | { state: 'transferring'; transfer: OfficeTransfer };

/** How far making or joining the office has got, for the status line and the Settings tab. */
export interface OfficeTransfer {
  what: 'make' | 'join';
  stage: 'copying' | 'uploading' | 'checking' | 'downloading' | 'verifying';
  done: number;
  total: number;
}

/** What making the office's database sent, each account's ledger checked against its balance. */
export interface OfficeMade {
  accounts: number;
  ledgerRows: number;
  followUps: number;
}

/** A desktop joined: ClaimDesk opens the office's copy, its own database kept as it was. */
export interface OfficeJoined {
  /** The file the office's copy was written to, beside this desktop's database. */
  file: string;
  /** The database this desktop used until now, by name; it is not changed or deleted. */
  keptAs: string;
  /** Whether ClaimDesk restarts on the copy now (false where it cannot restart itself). */
  restarting: boolean;
}

/** The office server's address as a supervisor set it; the password is never sent back. */
export interface OfficeServerSettings {
  host: string;
  port: number;
  database: string;
  user: string;
  /** The CA certificate that signed the server's (PEM); null: the system's CAs. */
  caPem: string | null;
}

export interface OfficeServerView {
  /** False where the settings cannot be kept (no ClaimDesk main process, as in tests). */
  available: boolean;
  server: OfficeServerSettings | null;
  passwordSet: boolean;
  /** Whether this desktop's copy belongs to an office (it was uploaded or joined). */
  linked: boolean;
  /** The copy was put back to an earlier state and can send nothing more: it joins anew. */
  mustRejoin: boolean;
}

/** What trying the settings found, in plain words. */
export interface OfficeServerTest {
  ok: boolean;
  message: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_$-]*$/;
const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[?[0-9A-Fa-f:.]+\]?$/;
const PEM = /^-----BEGIN CERTIFICATE-----\s[\s\S]+\s-----END CERTIFICATE-----$/;

export const officeServerInput = z.strictObject({
  host: z
    .string('Enter the server’s name or address.')
    .trim()
    .min(1, 'Enter the server’s name or address.')
    .max(253, 'The server’s name is too long.')
    .regex(HOST, 'The server’s name holds letters, digits, dots and hyphens only.'),
  port: z
    .number('The port is a number from 1 to 65535.')
    .int('The port is a number from 1 to 65535.')
    .min(1, 'The port is a number from 1 to 65535.')
    .max(65_535, 'The port is a number from 1 to 65535.'),
  database: z
    .string('Enter the office database’s name.')
    .trim()
    .min(1, 'Enter the office database’s name.')
    .max(63, 'A database name is at most 63 characters.')
    .regex(
      NAME,
      'A database name holds letters, digits, underscores and hyphens, starting with a letter.',
    ),
  user: z
    .string('Enter the user name.')
    .trim()
    .min(1, 'Enter the user name.')
    .max(63, 'A user name is at most 63 characters.')
    .regex(
      NAME,
      'A user name holds letters, digits, underscores and hyphens, starting with a letter.',
    ),
  /** Null keeps the password already set. */
  password: z
    .string('Enter the password.')
    .min(1, 'Enter the password.')
    .max(1_000, 'The password is too long.')
    .nullable(),
  /** Null: the server's certificate is checked against the system's CAs. */
  caPem: z
    .string()
    .trim()
    .max(100_000, 'That certificate is too long to be a CA certificate.')
    .regex(
      PEM,
      'Paste the CA certificate as PEM text, from -----BEGIN CERTIFICATE----- to the end.',
    )
    .nullable(),
});

export const officeMethods = {
  officeStatus: read<OfficeStatusView>()(none),
  getOfficeServer: read<OfficeServerView>()(none, supervisor('see the office server settings')),
  /** Connects with the settings given (TLS verified) and says what it found; changes nothing. */
  testOfficeServer: read<OfficeServerTest>()(
    officeServerInput,
    supervisor('test the office server settings'),
  ),
  saveOfficeServer: write<OfficeServerView>()(
    officeServerInput,
    supervisor('change the office server settings'),
  ),
  /**
   * Makes this desktop's database the office's: every account, ledger row and follow-up
   * goes to the server set, each account's ledger sum checked there against its balance.
   */
  createOffice: write<OfficeMade>()(none, supervisor('make the office database')),
  /**
   * Downloads the office's database and restarts ClaimDesk on it; this desktop's own
   * database is kept as it was, under its own name.
   */
  joinOffice: write<OfficeJoined>()(none, supervisor('join this desktop to an office')),
  /** Stops syncing and forgets the address and password; the work waits in the outbox. */
  disconnectOffice: write<OfficeServerView>()(none, supervisor('disconnect the office server')),
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
