import { describe, expect, it } from 'vitest';
import { isoDate } from '../../shared/dates/iso-date';
import { sampleStatementData } from './sample-data';
import { renderStatementBatch } from './statement-batch';
import { pdfPageCount, pdfText } from './test-pdf';

const date = isoDate('2026-03-20');

function accounts(count: number) {
  const sample = sampleStatementData();
  return Array.from({ length: count }, (_, i) => ({
    ...sample,
    // two visits keep each statement on one page
    lines: sample.lines.slice(0, 2),
    accountNumber: `B${String(i + 1).padStart(5, '0')}`,
  }));
}

describe('renderStatementBatch', () => {
  it('puts every statement into one file and reports progress', async () => {
    const progress: [number, number][] = [];
    const result = await renderStatementBatch(accounts(200), {
      date,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(result.pageCount).toBe(200);
    expect(pdfPageCount(result.pdf)).toBe(200);
    expect(result.statements[199]).toMatchObject({ accountNumber: 'B00200', firstPage: 200 });
    expect(progress.at(-1)).toEqual([200, 200]);
    expect(progress.length).toBeGreaterThan(1);
    expect(pdfText(result.pdf, 37)).toContain('B00037');
  });

  it('stops when cancelled and produces no file', async () => {
    const controller = new AbortController();
    const run = renderStatementBatch(accounts(300), {
      date,
      signal: controller.signal,
      onProgress: (done) => {
        if (done >= 40) controller.abort(new Error('cancelled by user'));
      },
    });
    await expect(run).rejects.toThrow('cancelled by user');
  });
});
