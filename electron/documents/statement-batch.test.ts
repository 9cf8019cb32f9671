import { describe, expect, it } from 'vitest';
import { isoDate } from '../../shared/dates/iso-date';
import { sampleStatementData } from './sample-data';
import { openStatementBatch } from './statement-batch';
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

describe('openStatementBatch (the bench draws its bare file with it)', () => {
  it('puts every statement into one file, each from a new page', async () => {
    const batch = openStatementBatch({ date });
    for (const data of accounts(200)) batch.add(data);
    const result = await batch.finish();
    expect(result.pageCount).toBe(200);
    expect(pdfPageCount(result.pdf)).toBe(200);
    expect(result.statements[199]).toMatchObject({ accountNumber: 'B00200', firstPage: 200 });
    expect(pdfText(result.pdf, 37)).toContain('B00037');
  });

  it('refuses a file with no statement, and anything after it is finished', async () => {
    const empty = openStatementBatch({ date });
    await expect(empty.finish()).rejects.toThrow('at least one statement');
    const batch = openStatementBatch({ date });
    batch.add(accounts(1)[0] as ReturnType<typeof accounts>[number]);
    await batch.finish();
    expect(() => batch.add(accounts(1)[0] as ReturnType<typeof accounts>[number])).toThrow(
      'already finished',
    );
  });
});
