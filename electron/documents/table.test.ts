import { describe, expect, it } from 'vitest';
import { TEST_TODAY } from '../testing/test-db';
import { createDocument } from './pdf-doc';
import { drawTableHeader, type TableStyle } from './table';

const STYLE: TableStyle = {
  font: 'sans',
  boldFont: 'sansBold',
  size: 8.5,
  padding: 3,
  headerFill: '#e6e9ee',
  rule: '#b8bec8',
};
/** What a header of one line has always taken. */
const ONE_LINE = STYLE.size + STYLE.padding * 2 + 2;

function headerHeight(columns: { header: string; width: number }[]): number {
  const { doc } = createDocument({
    date: TEST_TODAY,
    title: 'table',
    margins: { top: 72, bottom: 72, left: 72, right: 72 },
  });
  doc.addPage();
  return drawTableHeader(doc, columns, STYLE, 72, 100) - 100;
}

describe('a table header', () => {
  it('keeps one line when every header fits its column', () => {
    expect(
      headerHeight([
        { header: 'Billed', width: 52 },
        { header: 'Denied', width: 52 },
      ]),
    ).toBe(ONE_LINE);
  });

  it('grows with a header that wraps, so its second line never runs into the first row', () => {
    const height = headerHeight([
      { header: 'Billed', width: 52 },
      { header: 'Patient share', width: 52 },
    ]);
    expect(height).toBeGreaterThan(ONE_LINE + STYLE.size);
  });
});
