import { isoDate } from '../../shared/dates/iso-date';
import type { Clock } from '../core/context';

/** A clock a test moves by hand, so the idle lock is reached without waiting or racing a timer. */
export interface ManualClock extends Clock {
  advanceMinutes(minutes: number): void;
}

export function manualClock(start: string): ManualClock {
  let at = Date.parse(start);
  return {
    now: () => new Date(at).toISOString(),
    today: () => isoDate(new Date(at).toISOString().slice(0, 10)),
    advanceMinutes(minutes) {
      at += minutes * 60_000;
    },
  };
}
