import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { claimFileText, testClaim } from '../../electron/testing/claims';
import { remitClaim, remittanceFile } from '../../electron/testing/remittance';
import { appSession, screenshot, type TestCtx } from './harness';
import {
  importThroughScreen,
  openClaims,
  report,
  writeFile,
  type DemoClaim,
} from './imports-screen';

const app = appSession();

/** A billed demo claim nothing has been paid or adjusted on yet. */
function openClaim(c: TestCtx): DemoClaim {
  const [claim] = openClaims(c, 1);
  if (!claim) throw new Error('the demo data has no open billed claim');
  return claim;
}

/** Picks the file in the Imports screen and waits until its report says it was posted. */
async function importPosted(p: Page, file: string, fileName: string) {
  await importThroughScreen(p, file);
  await report(p, fileName)
    .getByText(/^(Posted|Partly posted)$/)
    .first()
    .waitFor();
}

describe('remittances that settle earlier ones', () => {
  it('takes a denial off the denials list when a later remittance pays the claim', async () => {
    const ctx = app.database({ demo: true });
    const today = ctx.clock.today();
    const claim = openClaim(ctx);
    const contractual = Math.round(claim.charge * 0.2);
    const denial = writeFile(
      ctx,
      'era-denial.835',
      remittanceFile(
        [
          remitClaim({
            patientControlNumber: claim.number,
            charge: claim.charge,
            paid: 0,
            status: '4',
            adjustments: [
              { group: 'CO', reason: '45', amount: contractual },
              { group: 'CO', reason: '50', amount: claim.charge - contractual },
            ],
            remarks: ['N115'],
          }),
        ],
        { trace: 'EFT-DENIED-1', date: today },
      ),
    );
    const page = await app.open('#/imports', ctx);
    await importPosted(page, denial, 'era-denial.835');

    // narrowed as a representative would, so the row is among those drawn
    const denials = `#/denials?payer=${claim.payerId}&category=medical_necessity`;
    await page.goto(app.url(denials));
    const grid = page.getByRole('grid', { name: /^Denials/ });
    const row = grid.getByRole('row').filter({ hasText: claim.number });
    await row.locator('[title^="CO-50: "]').getByText('CO-50').waitFor();
    // the contractual allowance beside it is not a reason for the denial
    expect(await row.getByText('CO-45').count()).toBe(0);
    const count = page.getByRole('status').filter({ hasText: / denials?$/ });
    const openBefore = Number(/of ([\d,]+) denial/.exec((await count.textContent()) ?? '')?.[1]);
    expect(openBefore).toBeGreaterThan(0);
    await screenshot(page, 'denial-before-payment');

    // the appeal is won: the payer pays what it had denied
    const payment = writeFile(
      ctx,
      'era-paid.835',
      remittanceFile(
        [
          remitClaim({
            patientControlNumber: claim.number,
            charge: claim.charge - contractual,
            paid: claim.charge - contractual,
          }),
        ],
        { trace: 'EFT-PAID-2', date: today },
      ),
    );
    await page.goto(app.url('#/imports'));
    await importPosted(page, payment, 'era-paid.835');
    // shown among the resolved, paid, and gone from the open ones
    await page.goto(app.url(`${denials}&resolved=1`));
    await row.getByText('Resolved', { exact: true }).waitFor();
    await page.goto(app.url(denials));
    if (openBefore === 1) await page.getByText('No open denials').waitFor();
    else
      await expect
        .poll(() => count.textContent())
        .toMatch(new RegExp(`of ${openBefore - 1} denial`));
    expect(await row.count()).toBe(0);
    await screenshot(page, 'denial-after-payment');

    await page.goto(app.url(`#/accounts/${claim.accountId}`));
    await page
      .getByRole('list', { name: 'Account history' })
      .getByText(/^Denial resolved \(paid\): .* EFT EFT-PAID-2 dated/)
      .waitFor();
  });

  it('offers a remittance claim that came before its claim file, and posts it at a click', async () => {
    const ctx = app.database({ demo: true });
    const today = ctx.clock.today();
    const early = writeFile(
      ctx,
      'era-early.835',
      remittanceFile(
        [
          remitClaim({
            patientControlNumber: 'E2E-LATE-1',
            charge: 10_000,
            paid: 8_000,
            adjustments: [{ group: 'CO', reason: '45', amount: 2_000 }],
          }),
        ],
        // the payer's id on the remittance is not the one the claim file gives
        { trace: 'EFT-EARLY-1', payerId: 'OTHER99', date: today },
      ),
    );
    const claims = writeFile(
      ctx,
      'claims-late.837',
      claimFileText([testClaim('E2E-LATE-1', [10_000])], { today }),
    );
    const page = await app.open('#/imports', ctx);
    await importPosted(page, early, 'era-early.835');
    await importPosted(page, claims, 'claims-late.837');

    await page.getByRole('tab', { name: /Exceptions/ }).click();
    const table = page.getByRole('table', { name: 'Remittance exceptions' });
    const row = table.getByRole('row').filter({ hasText: 'E2E-LATE-1' });
    await row.getByText(/^Claim E2E-LATE-1 is now on file, but the remittance is from/).waitFor();
    await screenshot(page, 'exception-claim-on-file');
    await row
      .getByRole('button', { name: 'Claim now on file — post it: E2E-LATE-1 to claim E2E-LATE-1' })
      .click();
    await row.waitFor({ state: 'detached' });
    expect(
      ctx.db
        .prepare(
          `SELECT e.status, c.status AS claimStatus FROM remittance_exceptions e
           JOIN claims c ON c.id = e.claim_id WHERE e.patient_control_number = 'E2E-LATE-1'`,
        )
        .get(),
    ).toEqual({ status: 'matched', claimStatus: 'paid' });
  });
});
