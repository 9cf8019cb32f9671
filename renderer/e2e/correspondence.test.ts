import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addAccount, addAddress, addPerson } from '../../electron/testing/builders';
import { pdfScan, pngScan } from '../../electron/testing/scans';
import { appSession, screenshot } from './harness';

const app = appSession();

/** Drops a file on the drop zone as the desktop would: dragover, then drop with the file. */
async function dropFile(page: Page, name: string, type: string, data: Buffer) {
  const zone = page.getByRole('group', { name: /Drop a scanned letter here/ });
  const transfer = await page.evaluateHandle(
    ({ name, type, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type }));
      return dt;
    },
    { name, type, base64: data.toString('base64') },
  );
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
}

describe('scanned correspondence', () => {
  it('files a scan dropped on the account and one chosen from the keyboard, lists and opens them', async () => {
    const db = app.database({ demo: false });
    const hal = addPerson(db, { first: 'Hal', last: 'Moreno' });
    addAddress(db, hal, '12 Harbor Road');
    const { accountId } = addAccount(db, { patientId: hal, number: 'A-1042' });
    const page = await app.open(`#/accounts/${accountId}`, db);
    const card = page.getByRole('region', { name: 'Correspondence' });
    await card.getByText('No correspondence filed yet.').waitFor();

    // a PNG dropped on the card
    const png = pngScan(3, 480, 640);
    await dropFile(page, 'letter from payer.png', 'image/png', png);
    const dialog = page.getByRole('dialog', { name: 'File correspondence' });
    await dialog.getByText('letter from payer.png', { exact: false }).waitFor();
    await dialog.getByRole('radio', { name: 'Payer correspondence' }).check();
    await screenshot(page, 'correspondence-file-dropped');
    await dialog.getByRole('button', { name: 'File it' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    const table = card.getByRole('table', { name: 'Correspondence' });
    await table.getByRole('button', { name: 'letter from payer.png' }).waitFor();

    // a PDF from the keyboard: the button, the file, returned mail, then the address
    await card.getByRole('button', { name: 'File correspondence…' }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await dialog.locator('input[aria-label="Scanned file"]').setInputFiles({
      name: 'returned envelope.pdf',
      mimeType: 'application/pdf',
      buffer: pdfScan('RETURN TO SENDER - NOT DELIVERABLE AS ADDRESSED'),
    });
    await dialog.getByRole('radio', { name: 'Returned mail' }).check();
    await dialog.getByRole('button', { name: 'File it' }).click();
    const offer = page.getByRole('dialog', { name: 'Returned mail filed' });
    await offer.getByText(/Mark the guarantor's address bad as well\?/).waitFor();
    await screenshot(page, 'correspondence-returned-mail-offer');
    await offer.getByRole('button', { name: 'Mark the address bad…' }).click();
    const returned = page.getByRole('dialog', { name: /Mail came back/ });
    await returned.getByRole('button', { name: 'Record returned mail' }).click();
    await expect.poll(() => returned.count()).toBe(0);
    await table.getByRole('button', { name: 'returned envelope.pdf' }).waitFor();

    const history = page.getByRole('list', { name: 'Account history' });
    await history
      .getByText(/^Payer correspondence filed: "letter from payer\.png" \(PNG image/)
      .waitFor();
    await history.getByText(/^Returned mail filed: "returned envelope\.pdf" \(PDF/).waitFor();
    await history
      .getByText(/Returned mail/)
      .first()
      .waitFor();
    expect(
      (db.db.prepare(`SELECT count(*) AS n FROM correspondence`).get() as { n: number }).n,
    ).toBe(2);
    await screenshot(page, 'correspondence-card');

    // opened from the database's own copy: the image, then the PDF's page
    await table.getByRole('button', { name: 'letter from payer.png' }).click();
    const image = page.getByRole('dialog', {
      name: /Payer correspondence: letter from payer\.png/,
    });
    await image.getByRole('img', { name: 'Scan of letter from payer.png' }).waitFor();
    await expect
      .poll(() =>
        image
          .getByRole('img', { name: 'Scan of letter from payer.png' })
          .evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBe(480);
    await screenshot(page, 'correspondence-open-png');
    await page.keyboard.press('Escape');
    await expect.poll(() => image.count()).toBe(0);
    await table.getByRole('button', { name: 'returned envelope.pdf' }).click();
    const pdf = page.getByRole('dialog', { name: /Returned mail: returned envelope\.pdf/ });
    const preview = pdf.getByRole('region', { name: 'Preview of returned envelope.pdf' });
    await expect.poll(() => preview.getAttribute('data-state')).toBe('drawn');
    await pdf.getByRole('img', { name: 'Page 1 of 1' }).waitFor();
    await screenshot(page, 'correspondence-open-pdf');
  });

  it('imports a folder named by account number: preview, refusal of a bad file, then all', async () => {
    const db = app.database({ demo: false });
    const a = addAccount(db, {
      patientId: addPerson(db, { first: 'Ada', last: 'Quill' }),
      number: 'A-1042',
    });
    const b = addAccount(db, {
      patientId: addPerson(db, { first: 'Bo', last: 'Reyes' }),
      number: 'A-2077',
    });
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-scans-'));
    app.afterTest(() => fs.rmSync(folder, { recursive: true, force: true }));
    fs.writeFileSync(path.join(folder, 'A-1042 - denial letter.pdf'), pdfScan('Denial, A-1042'));
    fs.writeFileSync(path.join(folder, 'A-2077_eob.png'), pngScan(8, 300, 400));
    // a program named as a scan
    fs.writeFileSync(path.join(folder, 'A-2077 letter.jpg'), Buffer.from('MZ not a picture'));

    const page = await app.open('#/imports?tab=correspondence', db);
    const section = page.getByRole('region', { name: 'Scanned mail by account number' });
    await section.locator('input[aria-label="Folder of scans"]').setInputFiles(folder);
    await section.getByRole('radio', { name: 'Payer correspondence' }).check();
    const rows = section.getByRole('table', { name: 'Scans in the folder' });
    await rows
      .getByText(
        'A-2077 letter.jpg: its content is not a scan ClaimDesk files (PDF, PNG image, JPEG image, TIFF image), whatever its name says.',
      )
      .waitFor();
    await section
      .getByText('2 to file, 0 filed before, 1 that cannot be filed', { exact: false })
      .waitFor();
    expect(await section.getByRole('button', { name: 'File 2 scans' }).isDisabled()).toBe(true);
    await screenshot(page, 'correspondence-folder-refused');

    fs.rmSync(path.join(folder, 'A-2077 letter.jpg'));
    await section.locator('input[aria-label="Folder of scans"]').setInputFiles(folder);
    await section.getByText('2 to file, 0 filed before, 0 that cannot be filed.').waitFor();
    await section.getByRole('button', { name: 'File 2 scans' }).click();
    await section
      .getByRole('status')
      .getByText('2 scans filed as payer correspondence on 2 accounts.')
      .waitFor();
    await screenshot(page, 'correspondence-folder-filed');

    for (const [account, name] of [
      [a.accountId, 'A-1042 - denial letter.pdf'],
      [b.accountId, 'A-2077_eob.png'],
    ] as const) {
      await page.evaluate((hash) => (window.location.hash = hash), `#/accounts/${account}`);
      const card = page.getByRole('region', { name: 'Correspondence' });
      await card.getByRole('button', { name }).waitFor();
      await page
        .getByRole('list', { name: 'Account history' })
        .getByText(`Payer correspondence filed: "${name}"`, { exact: false })
        .waitFor();
    }
    await screenshot(page, 'correspondence-folder-on-account');
  });

  it('offers the returned-mail path for a folder of returned envelopes', async () => {
    const db = app.database({ demo: false });
    const ada = addPerson(db, { first: 'Ada', last: 'Quill' });
    addAddress(db, ada, '4 Wharf Street');
    const { accountId } = addAccount(db, { patientId: ada, number: 'R-500' });
    const page = await app.open('#/imports?tab=correspondence', db);
    const section = page.getByRole('region', { name: 'Scanned mail by account number' });
    await section.locator('input[aria-label="Scanned files"]').setInputFiles({
      name: 'R-500_envelope.png',
      mimeType: 'image/png',
      buffer: pngScan(21),
    });
    await section.getByRole('radio', { name: 'Returned mail' }).check();
    await section.getByText('1 to file, 0 filed before, 0 that cannot be filed.').waitFor();
    await section.getByRole('button', { name: 'File 1 scan' }).click();
    await section.getByRole('button', { name: 'Mark the addresses bad' }).click();
    await section
      .getByText(/Returned mail recorded on 1 account; statements hold and 1 skip-trace follow-up/)
      .waitFor();
    await screenshot(page, 'correspondence-folder-returned-mail');
    const bad = db.db
      .prepare(
        `SELECT count(*) AS n FROM activities WHERE account_id = ? AND body LIKE 'Mail to the guarantor%came back%'`,
      )
      .get(accountId) as { n: number };
    expect(bad.n).toBe(1);
  });
});
