import type Database from 'better-sqlite3';
import { all } from '../../db/query';
import { CAPTURE_TRIGGERS } from '../../office/capture-triggers';

/** The office's capture triggers a file holds, by name, sorted. */
export function captureTriggersOf(db: Database.Database): string[] {
  return all<{ name: string }>(
    db,
    `SELECT name FROM sqlite_master
      WHERE type = 'trigger' AND (name GLOB 'office_capture_*' OR name GLOB 'office_own_*')
      ORDER BY name`,
  ).map((t) => t.name);
}

/** Every capture trigger, as a linked copy holds them. */
export const ALL_CAPTURE_TRIGGERS = CAPTURE_TRIGGERS.map((t) => t.name).sort();
