import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FromWorker, ToWorker } from './render-protocol';
import { sampleStatementData } from './sample-data';
import { renderStatement } from './statement-layout';
import { shippedStatementTemplate } from './template-load';
import { pdfPageCount, pdfText } from './test-pdf';

const root = process.cwd();
const built = path.join(root, 'electron/dist/render-worker.mjs');

const bundledMain = () => readFileSync(path.join(root, 'electron/dist/main.mjs'), 'utf8');

/** The bundle the app starts its render threads from; built if this checkout's is missing or older. */
beforeAll(() => {
  if (!existsSync(built) || !bundledMain().includes('render-worker.mjs'))
    execFileSync('node', ['electron/build.mjs'], { cwd: root });
}, 120_000);

/** Sends the messages to a worker started from the built file and collects its answers. */
async function talk(messages: readonly ToWorker[], answers: number): Promise<FromWorker[]> {
  const data = sampleStatementData();
  const open: ToWorker = {
    type: 'open',
    date: data.statementDate,
    template: shippedStatementTemplate(),
  };
  const worker = new Worker(built);
  try {
    return await new Promise<FromWorker[]>((resolve, reject) => {
      const got: FromWorker[] = [];
      worker.on('message', (m: FromWorker) => {
        got.push(m);
        if (got.length === answers) resolve(got);
      });
      worker.on('error', reject);
      for (const m of [open, ...messages]) worker.postMessage(m);
    });
  } finally {
    await worker.terminate();
  }
}

describe('the built render worker', () => {
  it('is started by the bundled main process from beside it', () => {
    // render-pool.ts, bundled into main.mjs, names the worker relative to the bundle
    const startsIt = /new URL\(["']\.\/render-worker\.mjs["'], import\.meta\.url\)/;
    expect(startsIt.test(bundledMain())).toBe(true);
  });

  it('renders statement copies from the bundle alone', async () => {
    const data = sampleStatementData();
    const other = { ...data, accountNumber: 'ZZ-4242' };
    const [copy, second] = await talk(
      [
        { type: 'copy', seq: 7, data },
        { type: 'copy', seq: 8, data: other },
      ],
      2,
    );
    if (copy?.type !== 'copy' || second?.type !== 'copy') throw new Error('wrong answers');
    expect([copy.seq, second.seq]).toEqual([7, 8]);
    // the same bytes as rendering on this thread: fonts and templates found from the bundle
    const here = await renderStatement(data, { template: shippedStatementTemplate() });
    expect(Buffer.from(copy.pdf).equals(here.pdf)).toBe(true);
    const otherPdf = Buffer.from(second.pdf);
    expect(pdfPageCount(otherPdf)).toBe(second.pageCount);
    expect(pdfText(otherPdf)).toContain('ZZ-4242');
  });

  it('answers a statement it cannot render with the reason', async () => {
    const broken = { ...sampleStatementData(), lines: null } as unknown as ReturnType<
      typeof sampleStatementData
    >;
    const [failed] = await talk([{ type: 'copy', seq: 3, data: broken }], 1);
    expect(failed).toMatchObject({ type: 'failed', seq: 3 });
  });
});
