import type { Db } from '../db/open';
import { one, run } from '../db/query';

/**
 * Runs `work` with the capture off, and puts the flag back as it was (still off inside the
 * sync worker's own writes): what the server says is not news to send it, nor is a write
 * that is this desk's alone. On a standalone desktop this is one read of an empty table.
 */
export function withCaptureOff<T>(db: Db, work: () => T): T {
  const link = one<{ capture: number }>(db, `SELECT capture FROM office_link`);
  if (!link) return work();
  run(db, `UPDATE office_link SET capture = 0`);
  try {
    return work();
  } finally {
    run(db, `UPDATE office_link SET capture = ?`, link.capture);
  }
}

/**
 * Runs the upkeep's own writes (system follow-ups and their notes) as this desktop's own:
 * not sent, and named so that a person's later change to them is not sent either. Every
 * desktop's upkeep writes its own from its own ledger, as it computes its own balances.
 * On a standalone desktop this is one read of an empty table.
 */
export function asDesktopsOwn<T>(db: Db, work: () => T): T {
  const link = one<{ capture: number }>(db, `SELECT capture FROM office_link`);
  if (!link) return work();
  run(db, `UPDATE office_link SET capture = 0, own = 1`);
  try {
    return work();
  } finally {
    run(db, `UPDATE office_link SET capture = ?, own = 0`, link.capture);
  }
}

const OWN = 'own:';

/** Whether a row is one of this desktop's own (see asDesktopsOwn). */
export function isOwnGid(gid: string): boolean {
  return gid.startsWith(OWN);
}
