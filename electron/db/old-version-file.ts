import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { MIGRATIONS } from './migrations';

/**
 * For migration tests: a database file as a user of an older ClaimDesk has it, at schema
 * `version` with the rows `seed` inserts, written without the app's own open so nothing
 * newer touches it. Call it inside a test: its folder is removed when the test finishes.
 */
export function oldVersionFile(version: number, seed: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `claimdesk-v${version}-`));
  const file = path.join(dir, `v${version}.sqlite`);
  const raw = new Database(file);
  try {
    for (const m of MIGRATIONS) if (m.version <= version) raw.exec(m.sql);
    raw.exec(seed);
    raw.pragma(`user_version = ${version}`);
  } finally {
    raw.close();
  }
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return file;
}
