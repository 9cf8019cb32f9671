import type { UserId } from '../../shared/ids';
import { isoDate, type IsoDate } from '../../shared/dates/iso-date';
import type { Db, ReadDb } from '../db/open';
import type { DatabaseKey } from '../db/cipher';

/** "Today" and "now" come from here so tests and demo data can fix the date. */
export interface Clock {
  today(): IsoDate;
  /** ISO-8601 UTC timestamp. */
  now(): string;
}

/** The person's own calendar day: a representative in Denver at 7 p.m. is still on today. */
export const systemClock: Clock = {
  today() {
    const d = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return isoDate(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`);
  },
  now: () => new Date().toISOString(),
};

export function fixedClock(today: IsoDate, time = '15:00:00.000Z'): Clock {
  return { today: () => today, now: () => `${today}T${time}` };
}

/** What every handler works with. */
export interface Ctx {
  db: Db;
  clock: Clock;
  /** The signed-in user; every write is attributed to them. */
  userId: UserId;
  databasePath: string;
  /** The database's key when it is encrypted, for the connections work opens of its own (backups). */
  databaseKey?: DatabaseKey | null;
}

/** What a read handler works with: a connection that only functions that read accept. */
export interface ReadCtx extends Omit<Ctx, 'db'> {
  db: ReadDb;
}
