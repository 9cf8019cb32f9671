import { describe, expect, it } from 'vitest';
import { noteCodesSeen } from '../../electron/codes/unknown';
import { makeSupervisor } from '../../electron/testing/builders';
import { rowCount } from '../../electron/testing/test-db';
import { appSession, screenshot } from './harness';

const app = appSession();

const LIST = [
  'Code,Description,Start Date,Last Modified,Stop Date',
  '45,Charge exceeds the fee schedule (as loaded).,01/01/1995,,',
  '42,Charges exceed our fee schedule.,01/01/1995,,10/31/2007',
  '9001,A code newer than the shipped table.,01/01/2025,,',
].join('\n');

describe('code lists in the settings', () => {
  it('lets a supervisor preview and load a published list, and lists the unknown codes', async () => {
    const ctx = app.database({ demo: true });
    noteCodesSeen(ctx, [{ kind: 'reason', code: '9001' }], {
      importFileId: null,
      label: 'remittance EFT-9 from Acme Health',
    });
    const page = await app.open('#/settings?tab=codes', ctx);
    const panel = page.getByRole('tabpanel', { name: 'Code lists' });
    await panel.getByText('Only a supervisor can load a code list.').waitFor();
    const unknown = panel.getByRole('table', { name: 'Codes seen that no table holds' });
    await unknown.getByRole('row', { name: /9001 .* remittance EFT-9 from Acme Health/ }).waitFor();

    makeSupervisor(ctx);
    await page.reload();
    // a file with a remark code in a reason list is refused whole, before anything is written
    await panel.getByRole('textbox', { name: 'Published' }).fill('03/01/2026');
    await panel.locator('input[aria-label="Code list file"]').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Code,Description\nN4,A remark\n'),
    });
    await panel.getByText('File: bad.csv').waitFor();
    await panel.getByRole('button', { name: 'Preview' }).click();
    await panel.getByText('Row 2: N4 is a remark code; this is a list of reason codes.').waitFor();

    await panel
      .locator('input[aria-label="Code list file"]')
      .setInputFiles({ name: 'carc.csv', mimeType: 'text/csv', buffer: Buffer.from(LIST) });
    await panel.getByText('File: carc.csv').waitFor();
    await panel.getByRole('button', { name: 'Preview' }).click();
    const changes = panel.getByRole('table', { name: 'Changes in this list' });
    await changes.getByRole('row', { name: /New codes 2 42 9001/ }).waitFor();
    await changes.getByRole('row', { name: /Wording or dates changed 1 45/ }).waitFor();
    expect(rowCount(ctx, 'code_list_loads')).toBe(0);
    await screenshot(page, 'code-list-preview');

    await panel.getByRole('button', { name: 'Load 3 codes' }).click();
    await page.getByText(/Loaded the reason code list published 03\/01\/2026: 2 added/).waitFor();
    await panel
      .getByRole('table', { name: 'Code lists loaded' })
      .getByRole('row', { name: /carc\.csv/ })
      .waitFor();
    await panel.getByText('No unknown codes').waitFor();
    expect(rowCount(ctx, 'code_list_entries')).toBe(3);
  });
});
