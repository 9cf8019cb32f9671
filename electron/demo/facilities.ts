import type { Db } from '../db/open';
import { run } from '../db/query';

/**
 * The demo hospital bills for three facilities, so the reports' facility filter has something
 * to tell apart: the medical center (the letterhead's facility, the default) and two others
 * whose claims carry their own billing provider NPI. Names and NPIs are invented (the NPIs
 * pass the check digit).
 */
export const DEMO_FACILITIES = [
  { id: 2, name: 'Lakeshore North Outpatient Center', npi: '1847392713' },
  { id: 3, name: 'Lakeshore Rehabilitation Hospital', npi: '1847392721' },
] as const;

/** The default facility follows the letterhead's; the others are added when missing. */
export function insertFacilities(db: Db): void {
  run(
    db,
    `UPDATE facilities SET name = (SELECT name FROM facility WHERE id = 1),
        npi = (SELECT npi FROM facility WHERE id = 1)
      WHERE id = 1 AND EXISTS (SELECT 1 FROM facility WHERE id = 1)`,
  );
  for (const f of DEMO_FACILITIES)
    run(
      db,
      `INSERT OR IGNORE INTO facilities (id, name, npi) VALUES (?, ?, ?)`,
      f.id,
      f.name,
      f.npi,
    );
}

/**
 * Which facility an account is billed under: three in five at the medical center, one each at
 * the other two, decided by the account's number so the random stream the rest of the demo
 * draws from is the same with or without facilities.
 */
export function demoFacilityOf(accountNumber: string): number {
  let h = 0;
  for (const c of accountNumber) h = (h * 31 + c.charCodeAt(0)) % 1_000_003;
  const k = h % 5;
  return k < 3 ? 1 : k === 3 ? 2 : 3;
}
