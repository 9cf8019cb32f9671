import { describe, expect, it } from 'vitest';
import { openPdfCombiner } from './pdf-combine';
import { createDocument } from './pdf-doc';
import { sampleStatementData } from './sample-data';
import { STATEMENT_MARGINS, drawStatement, renderStatement } from './statement-layout';
import { pdfFontNames, pdfText } from './test-pdf';

const sample = sampleStatementData();
/** Two statements whose own text uses different letters and digits. */
const first = { ...sample, accountNumber: 'A100482' };
const second = {
  ...sample,
  accountNumber: 'Z977310',
  guarantor: {
    name: 'Quincy J. Vaughn-Kowalczyk',
    addressLines: ['7 Yew Court', 'Zanesville, OH 43701'],
  },
};

/** The statement as pdfkit embeds its fonts by itself: only the glyphs the text uses. */
async function plain(data: typeof sample): Promise<Buffer> {
  const { doc, done } = createDocument({
    date: data.statementDate,
    title: 'Patient statement',
    margins: STATEMENT_MARGINS,
  });
  drawStatement(doc, data);
  doc.end();
  return done;
}

const fontFiles = (pdf: Buffer) => pdf.toString('latin1').match(/\/FontFile2 /g)?.length ?? 0;

describe('shareFontSubsets', () => {
  it('reads the same as a statement whose fonts hold only the glyphs it uses', async () => {
    for (const data of [first, second]) {
      const shared = (await renderStatement(data)).pdf;
      expect(pdfText(shared)).toBe(pdfText(await plain(data)));
      expect(pdfFontNames(shared).every((f) => f.embedded)).toBe(true);
    }
  });

  it('gives statements with different text the same font objects, written once when combined', async () => {
    const a = (await renderStatement(first)).pdf;
    const b = (await renderStatement(second)).pdf;
    const combiner = openPdfCombiner({ title: 'Patient statements', date: sample.statementDate });
    combiner.add(a);
    combiner.add(b);
    const combined = combiner.finish();
    expect(fontFiles(a)).toBeGreaterThan(0);
    expect(fontFiles(combined)).toBe(fontFiles(a));
    expect(pdfText(combined)).toContain('Quincy J. Vaughn-Kowalczyk');

    // without the shared subsets a font both use differs between them and is written twice
    const plainCombiner = openPdfCombiner({ title: 'x', date: sample.statementDate });
    plainCombiner.add(await plain(first));
    plainCombiner.add(await plain(second));
    expect(fontFiles(plainCombiner.finish())).toBeGreaterThan(fontFiles(a));
  });
});
