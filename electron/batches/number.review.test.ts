import { expect, it, onTestFinished } from 'vitest';
import type { AccountId, BatchId } from '../../shared/ids';
import { call } from '../testing/call';
import { desktopIdOf, officeBeforeUpload } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { createTestCtx, TEST_TODAY } from '../testing/test-db';
import { onSyncStep } from '../office/steps';
import { OfficeSync } from '../office/sync';

describeWithPg("a deposit batch's number while the office is being made", () => {
  it('a batch opened during an upload the server refuses keeps the number it was opened with', async () => {
    const server = await createServerDatabase();
    const ctx = createTestCtx();
    onTestFinished(() => ctx.close());
    const [, second] = officeBeforeUpload(ctx) as [AccountId, AccountId, AccountId];
    // a cached balance out of step with its ledger: the server's ledger check refuses the upload
    ctx.db
      .prepare(`UPDATE accounts SET patient_balance = patient_balance + 1 WHERE id = ?`)
      .run(second);
    const sync = new OfficeSync(ctx, server, 'desktop 1');
    onTestFinished(() => sync.close());
    // someone at the front desk opens a batch while the upload runs
    let opened: { id: number; number: string } | undefined;
    onSyncStep((step) => {
      if (step !== 'copied') return;
      opened = call(ctx, 'openBatch', {
        depositDate: TEST_TODAY,
        source: 'mail',
        expectedTotal: 5_000,
        description: 'Morning mail',
      });
    });
    onTestFinished(() => onSyncStep(null));

    await expect(sync.createOffice()).rejects.toThrow(/was not uploaded/);
    expect(desktopIdOf(ctx)).toBeNull();
    if (!opened) throw new Error('no batch was opened during the upload');
    // written on the deposit slip and said to the bank as it was opened
    const now = call(ctx, 'getBatch', { batchId: opened.id as BatchId }).batch.number;
    expect(now).toBe(opened.number);
  });
});
