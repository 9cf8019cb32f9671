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

/**
 * Rows an older file's claims hang on, for a migration test's seed: user 1 (a representative),
 * patient 1, payer 1 (Acme, ACME01) and that patient's account 1 (A100).
 */
export const ACCOUNT_A100 = `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'rep', 'Rita Rep', 'representative', 't');
    INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Rivera', 'Ana', 't');
    INSERT INTO payers (id, payer_code, name, financial_class, timely_filing_days,
      appeal_window_days) VALUES (1, 'ACME01', 'Acme', 'commercial', 90, 180);
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
      financial_class, created_at) VALUES (1, 'A100', 1, 1, '2026-01-02', 'commercial', 't');
`;
