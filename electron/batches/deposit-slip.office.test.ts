import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { AccountId, BatchId } from '../../shared/ids';
import { call, callAsync } from '../testing/call';
import { syncAll, twoDesktops } from '../testing/office/desktops';
import { owing } from '../testing/office/money';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import type { Ctx } from '../core/context';
import { oneOrThrow } from '../db/query';

/** The printed deposit slip of today at this desk, as text laid out as on the page. */
async function printedSlip(ctx: Ctx, dir: string): Promise<string> {
  const file = await callAsync(ctx, 'getDepositSlipPdf', { date: TEST_TODAY });
  const pdf = path.join(dir, file.fileName);
  fs.writeFileSync(pdf, Buffer.from(file.pdfBase64, 'base64'));
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
}

describeWithPg('the printed deposit slip in an office', () => {
  it("prints a check's batch by the number every desk knows it by, whole", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owing);
    const [accountId] = accountIds as [AccountId];
    const batch = call(a.ctx, 'openBatch', {
      depositDate: TEST_TODAY,
      source: 'mail',
      expectedTotal: 5_000,
    });
    call(a.ctx, 'postPatientPayment', {
      accountId,
      batchId: batch.id as BatchId,
      amount: 5_000,
      method: 'check',
      checkNumber: '1042',
      receivedDate: TEST_TODAY,
    });
    await syncAll(a, b);
    expect(batch.number).toMatch(/^\d+-[0-9A-F]{6}$/);
    const dir = path.dirname(
      oneOrThrow<{ file: string }>(a.ctx.db, `SELECT file FROM pragma_database_list`).file,
    );
    for (const d of [a, b]) {
      const text = await printedSlip(d.ctx, dir);
      // the batches table and the checks table each name it, whole on one line
      expect(text).toContain(`Batch ${batch.number}`);
      expect(text).toMatch(new RegExp(`1042\\s+\\S+\\s+${batch.number}\\s+\\$50\\.00`));
    }
  });
});
