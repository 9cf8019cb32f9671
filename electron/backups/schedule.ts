import type { BackupProgress, BackupSchedule } from '../../shared/api/backups';
import type { UserId } from '../../shared/ids';
import type { Clock } from '../core/context';
import type { Db, ReadDb } from '../db/open';
import { all, prepare } from '../db/query';
import { applyRotation, localDay, newestBackupIn } from './catalogue';
import { backupsDir } from './layout';
import { makeBackup, type BackupMade } from './make';
import type { DatabaseKey } from '../db/cipher';

/**
 * When and where backups are made: two billing rules (kept in the billing rules' table
 * beside the others, with who changed them), and the scheduler the main process ticks.
 */

/** Midday: the window is most likely open, and fewest postings are being made. */
export const DEFAULT_BACKUP_SCHEDULE: BackupSchedule = { time: '12:30', folder: null };

const KEYS = { time: 'backupTime', folder: 'backupFolder' } as const;

export function backupSchedule(db: ReadDb): BackupSchedule {
  const rows = all<{ key: string; value: string }>(
    db,
    `SELECT key, value FROM billing_rules WHERE key IN (?, ?)`,
    KEYS.time,
    KEYS.folder,
  );
  const schedule = { ...DEFAULT_BACKUP_SCHEDULE };
  for (const { key, value } of rows) {
    const parsed: unknown = JSON.parse(value);
    if (key === KEYS.time && typeof parsed === 'string' && /^\d{2}:\d{2}$/.test(parsed)) {
      schedule.time = parsed;
    }
    if (key === KEYS.folder && (typeof parsed === 'string' || parsed === null)) {
      schedule.folder = parsed;
    }
  }
  return schedule;
}

export function writeBackupSchedule(
  db: Db,
  schedule: BackupSchedule,
  by: { userId: UserId; now: string },
): void {
  const upsert = prepare(
    db,
    `INSERT INTO billing_rules (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
       updated_by = excluded.updated_by`,
  );
  const current = backupSchedule(db);
  if (current.time !== schedule.time) {
    upsert.run(KEYS.time, JSON.stringify(schedule.time), by.now, by.userId);
  }
  if (current.folder !== schedule.folder) {
    upsert.run(KEYS.folder, JSON.stringify(schedule.folder), by.now, by.userId);
  }
}

/** Whether the day's backup is due: the time has come and none was made or tried today. */
export function backupDue(
  time: string,
  now: { day: string; time: string },
  lastDay: string | null,
) {
  return now.time >= time && lastDay !== now.day;
}

/** This process's backups of one database: the one being made and the last outcome. */
interface BackupState {
  running: BackupProgress | null;
  last: { at: string; ok: boolean; message: string } | null;
  /** The local day of the last backup tried, so a failure is not retried all day long. */
  triedDay: string | null;
}

const states = new Map<string, BackupState>();

export function backupState(databasePath: string): BackupState {
  let state = states.get(databasePath);
  if (!state) {
    state = { running: null, last: null, triedDay: null };
    states.set(databasePath, state);
  }
  return state;
}

export interface BackupWork {
  databasePath: string;
  key?: DatabaseKey | null;
  clock: Clock;
  folder: string;
  kind: 'scheduled' | 'on request';
  /** The office's calendar day of a time; the local one unless a test fixes it. */
  day?: (iso: string) => string;
}

function said(check: BackupMade['check']): string {
  return check.ok
    ? 'The backup was made and checked.'
    : `The backup was made but its check failed: ${check.problems.join(' ')}`;
}

/**
 * Starts a backup unless one of this database is being made; resolves when it is done and
 * rotation has removed what it no longer keeps. Failures are kept for the supervisor's
 * warning, never thrown to the caller.
 */
export function runBackup(work: BackupWork): Promise<BackupMade | null> | null {
  const state = backupState(work.databasePath);
  if (state.running) return null;
  const at = work.clock.now();
  const day = work.day ?? localDay;
  state.running = { stage: 'database', done: 0, total: 0 };
  state.triedDay = day(at);
  return makeBackup({
    databasePath: work.databasePath,
    key: work.key ?? null,
    folder: work.folder,
    at,
    kind: work.kind,
    now: () => work.clock.now(),
    onProgress: (p) => {
      state.running = p;
    },
  })
    .then((made) => {
      state.last = { at, ok: made.check.ok, message: said(made.check) };
      if (made.check.ok) applyRotation(work.folder, day);
      return made;
    })
    .catch((error: unknown) => {
      // only the error's kind in the log: a message can quote a path with a patient's name
      console.error(`ClaimDesk: backup failed (${error instanceof Error ? error.name : 'error'})`);
      const reason = error instanceof Error ? error.message : String(error);
      state.last = { at, ok: false, message: `No backup could be made: ${reason}` };
      return null;
    })
    .finally(() => {
      state.running = null;
    });
}

/** The office's local day and time of day (`HH:MM`) of a moment. */
export function localTime(iso: string): { day: string; time: string } {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { day: localDay(iso), time: `${pad(d.getHours())}:${pad(d.getMinutes())}` };
}

/**
 * One look at the schedule, which the main process makes every minute and a test makes
 * by moving its clock: starts the day's backup when it is due. Returns the backup's
 * promise when one started.
 */
export function backupTick(
  ctx: { db: ReadDb; databasePath: string; clock: Clock; databaseKey?: DatabaseKey | null },
  office: (iso: string) => { day: string; time: string } = localTime,
): Promise<BackupMade | null> | null {
  const state = backupState(ctx.databasePath);
  if (state.running) return null;
  const schedule = backupSchedule(ctx.db);
  const folder = backupsDir(ctx.databasePath, schedule.folder);
  const now = office(ctx.clock.now());
  const newest = newestBackupIn(folder);
  const lastDay = [state.triedDay, newest ? office(newest.at).day : null]
    .filter((d) => d !== null)
    .sort()
    .pop();
  if (!backupDue(schedule.time, now, lastDay ?? null)) return null;
  return runBackup({
    databasePath: ctx.databasePath,
    key: ctx.databaseKey ?? null,
    clock: ctx.clock,
    folder,
    kind: 'scheduled',
    day: (iso) => office(iso).day,
  });
}
