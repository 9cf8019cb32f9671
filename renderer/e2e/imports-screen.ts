// The Imports screen as a person uses it, and the demo claims a test's remittance pays.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { TestCtx } from './harness';

export interface DemoClaim {
  id: number;
  number: string;
  accountId: number;
  charge: number;
  payerId: number;
  payerName: string;
  appealWindowDays: number;
}

/** Billed demo claims nothing has been paid or adjusted on yet: the whole charge is open. */
export function openClaims(c: TestCtx, n: number): DemoClaim[] {
  return c.db
    .prepare(
      `SELECT c.id, c.claim_number AS number, c.account_id AS accountId, c.total_charge AS charge,
         c.payer_id AS payerId, py.name AS payerName, py.appeal_window_days AS appealWindowDays
       FROM claims c JOIN payers py ON py.id = c.payer_id
       WHERE c.status = 'billed'
         AND NOT EXISTS (SELECT 1 FROM denials d WHERE d.claim_id = c.id)
         AND (SELECT sum(amount) FROM ledger_entries l
              WHERE l.claim_id = c.id AND l.side = 'insurance') = c.total_charge
       ORDER BY c.id LIMIT ?`,
    )
    .all(n) as DemoClaim[];
}

/** Writes a file to import into the test's folder and returns its path. */
export function writeFile(c: TestCtx, name: string, text: string): string {
  const file = path.join(c.dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** Picks files in the Import screen as a person would, through its file input. */
export async function importThroughScreen(p: Page, file: string) {
  await p.locator('input[aria-label="Files to import"]').setInputFiles(file);
}

/** The report the Imports screen shows for one file. */
export const report = (p: Page, fileName: string) =>
  p.getByRole('article', { name: `Import report for ${fileName}` });
