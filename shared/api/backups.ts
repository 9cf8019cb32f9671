import { z } from 'zod';
import { none } from './fields';
import { read, supervisor, write, type MethodGroup } from './method';

/**
 * Backups of the database and its documents, made while ClaimDesk runs, each verified
 * after it is written; and a restore from one of them.
 */

/** What the check of one backup found; `problems` said for a supervisor. */
export interface BackupCheck {
  ok: boolean;
  /** ISO-8601 UTC. */
  checkedAt: string;
  problems: string[];
}

export interface BackupView {
  /** The backup's folder name, which is also its time: `2026-03-16T15-00-00-000Z`. */
  id: string;
  /** ISO-8601 UTC. */
  at: string;
  kind: 'scheduled' | 'on request';
  schemaVersion: number;
  databaseBytes: number;
  documents: number;
  /** As checked when it was written. */
  check: BackupCheck;
}

export interface BackupProgress {
  stage: 'database' | 'documents' | 'finishing';
  /** Documents copied so far, of `total`; 0 of 0 while the database is copied. */
  done: number;
  total: number;
}

export interface BackupSchedule {
  /** Local time of day the day's backup is made, `HH:MM`. */
  time: string;
  /** Where backups go; null for the folder beside the database. */
  folder: string | null;
}

export interface BackupsView {
  /** The folder backups go to, as used. */
  folder: string;
  schedule: BackupSchedule;
  /** Newest first. */
  backups: BackupView[];
  running: BackupProgress | null;
  /** The last backup this ClaimDesk made or tried, with what went wrong if it failed. */
  last: { at: string; ok: boolean; message: string } | null;
  /** A restore chosen and waiting for ClaimDesk to start again. */
  restorePending: string | null;
  /** Whether the database file is encrypted, or will be at the next start. */
  encryption: 'encrypted' | 'pending' | 'plain';
}

export interface RestoreStarted {
  /** The backup that will be put back when ClaimDesk starts again. */
  id: string;
  /** ClaimDesk closes and starts again to put it back; false where it cannot (tests). */
  restarting: boolean;
}

export interface EncryptionStarted {
  /** The backup made and checked first, from which the database can be put back. */
  backupId: string;
  /** ClaimDesk closes and starts again to encrypt it; false where it cannot (tests). */
  restarting: boolean;
}

export interface RecoveryKeyIssued {
  /** Eight groups of four characters: shown once, kept nowhere. */
  recoveryKey: string;
}

const timeOfDay = z
  .string('Time of day must be a time.')
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Time of day must be HH:MM, for example 12:30.');

export const saveBackupScheduleInput = z.strictObject({
  time: timeOfDay,
  folder: z
    .string()
    .trim()
    .max(1_000, 'The folder name is too long.')
    .refine((v) => v === '' || /^([A-Za-z]:[\\/]|[\\/])/.test(v), 'Give the folder as a full path.')
    .transform((v) => (v === '' ? null : v))
    .nullable(),
});

const backupId = z
  .string('Choose a backup.')
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z(-\d{1,4})?$/,
    'That is not one of the backups.',
  );

export const backupIdInput = z.strictObject({ id: backupId });

export const backupsMethods = {
  listBackups: read<BackupsView>()(none, supervisor('see the backups')),
  /** Shown at the top of every screen to a supervisor while the last backup failed its check. */
  getBackupWarning: read<{ warning: string | null }>()(none),
  /** Checks a backup again, file by file, before it is restored. */
  checkBackup: read<BackupCheck>()(backupIdInput, supervisor('check a backup')),
  startBackup: write<{ started: boolean }>()(none, supervisor('back up the database')),
  restoreBackup: write<RestoreStarted>()(backupIdInput, supervisor('restore a backup')),
  /**
   * Encrypts a plain database: a backup made and checked first, then the encryption at the
   * next start, while nothing has the file open.
   */
  encryptDatabase: write<EncryptionStarted>()(none, supervisor('encrypt the database')),
  /**
   * A new recovery key for the database's same key (a lost or exposed one): the key record
   * beside the database is written again, and the old recovery key no longer opens it.
   */
  issueRecoveryKey: write<RecoveryKeyIssued>()(none, supervisor('issue a new recovery key')),
  saveBackupSchedule: write<BackupSchedule>()(
    saveBackupScheduleInput,
    supervisor('change the backup schedule'),
  ),
} satisfies MethodGroup;
