import type Database from 'better-sqlite3';
import { prepare } from '../db/query';
import { startCapture, stopCapture } from './capture-triggers';

/** This desktop's own state of the office: never part of the copy other desktops start from. */
export const DESKTOP_ONLY_TABLES = [
  'office_link',
  'outbox',
  'outbox_pending',
  'sync_rows',
  'sync_held',
  'not_synced',
  'working_here',
  'working_marks',
  'office_providers_unknown',
  // a pull's blanked texts naming a de-identified person, kept till it reads its last page
  'sync_quoted',
] as const;

/**
 * Makes this copy an office desktop: its link, and the triggers that note its writes for the
 * outbox from now on. Call it inside a write transaction, so that no write commits linked
 * and not captured. It takes a plain connection too: a downloaded copy is linked before it
 * is opened as the desktop's database.
 */
export function linkOffice(
  db: Database.Database,
  desktopId: string,
  cursor: string,
  linkedAt: string,
  /**
   * False for a downloaded copy of an older schema: the triggers defined now may name what
   * it lacks, and its open (migrations, then keepCaptureWithLink) creates them anyway.
   */
  capture = true,
): void {
  prepare(
    db,
    `INSERT INTO office_link (id, desktop_id, cursor, linked_at) VALUES (1, ?, ?, ?)`,
  ).run(desktopId, cursor, linkedAt);
  if (capture) startCapture(db);
}

/**
 * Makes this copy standalone: its desktop-only rows emptied and the capture triggers gone,
 * so its writes cost what they cost before it joined. Inside a write transaction, as
 * linking is; also how the office's copy is stripped before it is uploaded (copy.ts).
 */
export function unlinkOffice(db: Database.Database): void {
  for (const table of DESKTOP_ONLY_TABLES) db.exec(`DELETE FROM ${table}`);
  stopCapture(db);
}
