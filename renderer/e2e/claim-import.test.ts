import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatUsDate } from '../../shared/dates/iso-date';
import { cents, sumCents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import type { Claim837 } from '../../electron/importers/claims/claim-types';
import { claimDocument, generateClaims } from '../../electron/testing/x12/generate-837';
import { write837 } from '../../electron/testing/x12/write-837';
import type { StepHold } from '../../electron/core/step-hold';
import { appSession, screenshot, type TestCtx } from './harness';
import { importThroughScreen, report, writeFile } from './imports-screen';

const app = appSession();

/** Writes the claims as an 837 file of that control number into the test's folder. */
const writeClaimFile = (c: TestCtx, name: string, claims: readonly Claim837[], control: number) =>
  writeFile(
    c,
    name,
    write837(claimDocument(claims, { today: c.clock.today(), controlNumber: control })),
  );

/** Where the large imports below are held: half way through their claims. */
const HALF = 1_500;

/**
 * Starts importing a 3,000-claim file through the Imports screen, holds it once half its
 * claims are in, and returns when the screen counts them: the bar moves before the file
 * is done. The hold ends with `release()` or the window's Cancel.
 */
async function startLargeImport(
  c: TestCtx,
  fileName: string,
  claimType: Claim837['claimType'],
  firstNumber: number,
): Promise<{ page: Page; hold: StepHold }> {
  const claims = generateClaims({
    count: 3_000,
    claimType,
    today: c.clock.today(),
    seed: firstNumber,
    firstNumber,
  });
  const file = writeClaimFile(c, fileName, claims, firstNumber % 1_000);
  const hold = app.holdSteps(c, (p) => p.label === 'Claims imported' && p.done === HALF);
  const page = await app.open('#/imports', c);
  await importThroughScreen(page, file);
  expect(await hold.reached).toEqual({ label: 'Claims imported', done: HALF, total: 3_000 });
  await page
    .getByRole('status')
    .filter({ hasText: fileName })
    .getByText('Claims imported: 1,500 of 3,000')
    .waitFor();
  return { page, hold };
}

const rowsOf = (p: Page, fileName: string) =>
  report(p, fileName)
    .getByRole('table', { name: `Claims in ${fileName}` })
    .locator('tbody tr');

describe('importing an 837 claim file', () => {
  it('imports claims through the Imports screen, then finds the new account with its claim and charges', async () => {
    const ctx = app.database({ demo: true });
    const today = ctx.clock.today();
    // six hospital claims of the demo's kind (its payers, so no payer is new); the last
    // one's total disagrees with its lines
    const claims = generateClaims({
      count: 6,
      claimType: 'institutional',
      today,
      seed: 31,
      firstNumber: 900_001,
    });
    const [first, second] = claims;
    const broken = claims[5];
    if (!first || !second || !broken) throw new Error('the generator made too few claims');
    claims[5] = { ...broken, totalCharge: cents(broken.totalCharge + 100) };
    const firstFile = writeClaimFile(ctx, 'claims-0316.837', claims, 1);
    const added = sumCents(claims.slice(0, 5).map((c) => c.totalCharge));

    const page = await app.open('#/imports', ctx);
    await page.getByRole('heading', { name: 'Imports' }).waitFor();
    await importThroughScreen(page, firstFile);
    const one = report(page, 'claims-0316.837');
    await one.getByText('Partly posted', { exact: true }).waitFor();
    // read as text, so that a summary that differs is printed rather than waited for
    await expect
      .poll(() => one.innerText(), { timeout: 20_000 })
      .toContain(`6 claims: 5 added, 0 updated, 1 skipped; ${formatCents(added)} in charges`);
    // the claim that needs a person is what the report opens on, with where its problem is
    const skipped = rowsOf(page, 'claims-0316.837');
    await expect.poll(() => skipped.count()).toBe(1);
    await skipped.getByText(broken.patientControlNumber).waitFor();
    await skipped.getByText('Skipped', { exact: true }).waitFor();
    await skipped
      .getByText('Not imported: the claim failed 1 check; correct it and send it again.')
      .waitFor();
    await one
      .getByRole('list', { name: `Failed checks, claim ${broken.patientControlNumber}` })
      .getByText(/^CLM at segment \d+: The service lines add up to [\d,.]+, but the claim total/)
      .waitFor();
    await screenshot(page, 'claim-import-skipped');
    await one.getByText('Added (5)').click();
    await expect.poll(() => skipped.count()).toBe(5);
    await rowsOf(page, 'claims-0316.837')
      .filter({ hasText: first.patientControlNumber })
      .getByText(`Added claim ${first.patientControlNumber} to new account`, { exact: false })
      .waitFor();
    await screenshot(page, 'claim-import-report');

    // a corrected claim replaces the first; the second comes again unchanged
    const corrected: Claim837 = {
      ...first,
      frequencyCode: '7',
      lines: first.lines.map((l, i) => (i === 0 ? { ...l, charge: cents(l.charge + 1_000) } : l)),
      totalCharge: cents(first.totalCharge + 1_000),
    };
    const secondFile = writeClaimFile(ctx, 'claims-0317.837', [corrected, second], 2);
    await importThroughScreen(page, secondFile);
    const two = report(page, 'claims-0317.837');
    await two.getByText('Posted', { exact: true }).waitFor();
    await two
      .getByText('2 claims: 0 added, 1 updated, 1 skipped; $10.00 in charges; 1 imported before')
      .waitFor();
    const replaced = rowsOf(page, 'claims-0317.837').filter({
      hasText: first.patientControlNumber,
    });
    await replaced.getByText('Updated', { exact: true }).waitFor();
    await replaced
      .getByText(
        `Replaced claim ${first.patientControlNumber} (frequency 7): total ${formatCents(first.totalCharge)} → ${formatCents(corrected.totalCharge)}; charges +$10.00.`,
      )
      .waitFor();
    await rowsOf(page, 'claims-0317.837')
      .filter({ hasText: second.patientControlNumber })
      .getByText('Imported before', { exact: true })
      .waitFor();
    await screenshot(page, 'claim-import-replacement');

    // both files are in the history, and a stored report opens from there
    const history = page.getByRole('table', { name: 'Import history' });
    await expect.poll(() => history.locator('tbody tr').count()).toBe(2);
    await history.getByRole('button', { name: 'claims-0316.837' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import of claims-0316.837' });
    await dialog.getByRole('table', { name: 'Claims in claims-0316.837' }).waitFor();
    await screenshot(page, 'claim-import-history');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // the new account is found by its number, with the claim, its lines and its charges
    const account = ctx.db
      .prepare(`SELECT id, insurance_balance AS balance FROM accounts WHERE account_number = ?`)
      .get(first.patientControlNumber) as { id: number; balance: number };
    expect(account.balance).toBe(corrected.totalCharge);
    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Search accounts' }).fill(first.patientControlNumber);
    // the account's number and its claim's are both the patient control number: found once
    const result = page.getByRole('button', { name: new RegExp(first.patientControlNumber) });
    await expect.poll(() => result.count()).toBe(1);
    await screenshot(page, 'claim-import-search');
    await result.click();
    await page.waitForURL(new RegExp(`#/accounts/${account.id}$`));

    const claimRow = page
      .getByRole('table', { name: 'Claims' })
      .getByRole('row')
      .filter({ hasText: first.patientControlNumber });
    await claimRow.getByText('Billed', { exact: true }).waitFor();
    await claimRow.getByText(formatCents(corrected.totalCharge), { exact: true }).first().waitFor();
    await claimRow
      .getByRole('button', { name: `Show details of claim ${first.patientControlNumber}` })
      .click();
    const lines = page.getByRole('table', { name: `Lines of claim ${first.patientControlNumber}` });
    await expect.poll(() => lines.locator('tbody tr').count()).toBe(corrected.lines.length);
    await lines
      .locator('tbody tr')
      .first()
      .getByText(formatCents(corrected.lines[0]?.charge ?? cents(0)), { exact: true })
      .waitFor();
    await lines
      .locator('tbody tr')
      .first()
      .getByText(formatUsDate(corrected.lines[0]?.serviceDate ?? today))
      .waitFor();

    const ledger = page.getByRole('table', { name: 'Ledger' });
    const charges = ledger.getByRole('row').filter({ hasText: 'Charge' });
    // one row per line, and one for the replacement's increase
    await expect.poll(() => charges.count()).toBe(first.lines.length + 1);
    await charges.filter({ hasText: '$10.00' }).first().waitFor();
    const historyList = page.getByRole('list', { name: 'Account history' });
    await historyList
      .getByText(
        new RegExp(
          `^Claim ${first.patientControlNumber} \\(837I, \\d+ lines?, .+\\) imported from claim file claims-0316\\.837`,
        ),
      )
      .waitFor();
    await historyList
      .getByText(/^Replacement claim \(frequency 7\) from claim file claims-0317\.837/)
      .waitFor();
    await screenshot(page, 'claim-import-account');
  });

  it('counts the claims of one large file as they go in, then reports them all', async () => {
    const ctx = app.database({ demo: true });
    const { page, hold } = await startLargeImport(ctx, 'month-end.837', 'professional', 920_001);
    const bar = page.getByRole('progressbar', { name: 'Files imported: 0 of 1' });
    await expect
      .poll(async () => Number(await bar.getAttribute('aria-valuenow')))
      .toBeGreaterThan(0);
    await screenshot(page, 'claim-import-progress');
    // the second half is held again before its last claim, so the report's wait below races
    // no import however slow the machine: only the last claim and the report are left then
    const last = app.holdSteps(ctx, (p) => p.label === 'Claims imported' && p.done === p.total - 1);
    hold.release();
    expect(await last.reached).toEqual({ label: 'Claims imported', done: 2_999, total: 3_000 });
    last.release();
    await report(page, 'month-end.837')
      .getByText(/^3,000 claims: 3,000 added, 0 updated, 0 skipped;/)
      .waitFor({ timeout: 60_000 });
    expect(
      (
        ctx.db
          .prepare(`SELECT count(*) AS n FROM claims WHERE claim_number LIKE 'V00092%'`)
          .get() as { n: number }
      ).n,
    ).toBe(3_000);
    // a slow machine's 3,000 claims: the holds, not this bound, decide when each wait ends
  }, 300_000);

  it('cancels a large file part way, keeping nothing of it', async () => {
    const ctx = app.database({ demo: true });
    const tables = [
      'claims',
      'claim_lines',
      'accounts',
      'people',
      'ledger_entries',
      'import_files',
    ];
    const counts = () =>
      Object.fromEntries(
        tables.map((t) => [
          t,
          (ctx.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
        ]),
      );
    const before = counts();
    const { page } = await startLargeImport(ctx, 'too-early.837', 'institutional', 930_001);
    // held half way: half the file's claims are in its open transaction
    expect(counts()['claims']).toBe((before['claims'] ?? 0) + HALF);
    // the window's Cancel ends the hold, so the import stops exactly there
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'too-early.837' })
      .getByText('Not imported: The import was cancelled; nothing of this file was posted.')
      .waitFor();
    await page
      .getByRole('status')
      .getByText(/Cancelled: 1 file not imported/)
      .waitFor();
    // the bar goes back to what was imported: nothing
    const bar = page.getByRole('progressbar', { name: 'Files imported: 0 of 1' });
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBe(0);
    // and has drawn it so, its width's transition over, before the picture
    await expect.poll(() => bar.evaluate((el) => el.getBoundingClientRect().width)).toBe(0);
    await screenshot(page, 'claim-import-cancelled');
    expect(counts()).toEqual(before);
  });

  it('rejects a claim file that was cut off, saying where, and posts nothing', async () => {
    const ctx = app.database({ demo: true });
    const claims = generateClaims({
      count: 3,
      claimType: 'professional',
      today: ctx.clock.today(),
      seed: 5,
      firstNumber: 910_001,
    });
    const text = write837(claimDocument(claims, { today: ctx.clock.today() }));
    const file = writeFile(ctx, 'physician-claims.837', text.slice(0, Math.floor(text.length / 2)));
    const before = (ctx.db.prepare(`SELECT count(*) AS n FROM claims`).get() as { n: number }).n;
    const page = await app.open('#/imports', ctx);
    await importThroughScreen(page, file);
    const rejected = report(page, 'physician-claims.837');
    await rejected.getByText('Rejected', { exact: true }).waitFor();
    await rejected
      .getByRole('list', { name: 'Rejection reasons' })
      .getByText(/^Segment \d+: The file ends inside transaction 0010; it may have been cut off\.$/)
      .waitFor();
    expect((ctx.db.prepare(`SELECT count(*) AS n FROM claims`).get() as { n: number }).n).toBe(
      before,
    );
    await screenshot(page, 'claim-import-rejected');
  });
});
