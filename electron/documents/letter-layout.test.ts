import { describe, expect, it } from 'vitest';
import { isoDate } from '../../shared/dates/iso-date';
import { WINDOW } from './envelope';
import { INCH } from './pdf-doc';
import { fillTemplate } from './fill';
import type { LetterData } from './letter-data';
import { renderFilledLetter, renderLetter } from './letter-layout';
import { sampleLetterData } from './sample-data';
import { loadShippedTemplates } from './template-load';
import { parseTemplate } from './template-parse';
import { pdfFontNames, pdfPageCount, pdfText, pdfWords, writePageImages } from './test-pdf';

const templates = await loadShippedTemplates();
const appeal = templates.find((t) => t.id === 'appeal-medical-necessity-1')!;
const date = isoDate('2026-03-25');

function shortLetter(paragraphs: number) {
  const body = Array.from(
    { length: paragraphs },
    (_, i) =>
      `Paragraph ${i + 1}. We ask that the claim be reprocessed because the record supports every service billed on it, and the member's plan covers these services when they are medically necessary.`,
  ).join('\n\n');
  const result = parseTemplate(
    `---\nid: long\nkind: patient-letter\ntitle: Long\nrecipient: guarantor\nreference: account_number\n---\nDear {{guarantor_name}}:\n\n${body}\n`,
  );
  if (!result.ok) throw new Error('test template does not parse');
  return result.template;
}

describe('renderLetter', () => {
  it('prints identifiers and amounts, embeds its fonts and matches its page count', async () => {
    const { pdf, pageCount, warnings } = await renderLetter(appeal, sampleLetterData(), { date });
    writePageImages(pdf, 'appeal-medical-necessity-1');
    expect(warnings).toEqual([]);
    expect(pdfPageCount(pdf)).toBe(pageCount);
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    for (const expected of [
      'LHP884512307',
      'GRP-20931',
      '2026031800457',
      'A100482',
      '04/17/1958',
      '$18,450.00',
      '$6,400.00',
      'CO-50',
      'N115',
      'Attn: Appeals Department',
      'PO Box 7700',
      'Enclosures (4):',
      'Cardiac catheterization report',
      'Jordan Avery',
    ]) {
      expect(text).toContain(expected);
    }
    const fonts = pdfFontNames(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.name).toMatch(/^[A-Z]{6}\+Liberation/);
      expect(font.embedded).toBe(true);
    }
  });

  it('places the recipient address inside the #10 envelope window', async () => {
    const { pdf } = await renderLetter(appeal, sampleLetterData(), { date });
    const words = pdfWords(pdf).filter((w) => w.page === 1);
    for (const token of ['Lakeshore', 'Attn:', '7700', '43299']) {
      const word = words.find((w) => w.text === token);
      expect(word, token).toBeDefined();
      expect(word!.xMin).toBeGreaterThanOrEqual(WINDOW.x);
      expect(word!.xMax).toBeLessThanOrEqual(WINDOW.x + WINDOW.width);
      expect(word!.yMin).toBeGreaterThanOrEqual(WINDOW.y);
      expect(word!.yMax).toBeLessThanOrEqual(WINDOW.y + WINDOW.height);
    }
  });

  it('shows missing data as [LABEL] in the PDF and in the warnings', async () => {
    const sample = sampleLetterData();
    const fields = { ...sample.fields };
    delete fields.member_id;
    delete fields.payer_appeals_address;
    const data: LetterData = { ...sample, fields, enclosures: [] };
    const { pdf, warnings } = await renderLetter(appeal, data, { date });
    const text = pdfText(pdf);
    expect(text).toContain('[MEMBER ID]');
    expect(text).toContain('[PAYER APPEALS ADDRESS]');
    expect(text).toContain('[ENCLOSURES]');
    expect(warnings).toEqual([
      'Appeals address has no data and prints as [PAYER APPEALS ADDRESS].',
      'Member ID has no data and prints as [MEMBER ID].',
      'Enclosures has no data and prints as [ENCLOSURES].',
    ]);
  });

  it('prints the text as the representative edited it', async () => {
    const filled = fillTemplate(appeal, sampleLetterData(), { date });
    const edited = {
      ...filled,
      body: [{ type: 'paragraph' as const, text: 'A sentence the representative wrote.' }],
    };
    const { pdf } = await renderFilledLetter(edited);
    const text = pdfText(pdf);
    expect(text).toContain('A sentence the representative wrote.');
    expect(text).not.toContain('Dear Appeals Reviewer');
  });

  it('gives the same bytes for the same input and date', async () => {
    const a = await renderLetter(appeal, sampleLetterData(), { date });
    const b = await renderLetter(appeal, sampleLetterData(), { date });
    expect(a.pdf.equals(b.pdf)).toBe(true);
    const c = await renderLetter(appeal, sampleLetterData(), { date: isoDate('2026-03-26') });
    expect(c.pdf.equals(a.pdf)).toBe(false);
  });

  it('numbers a two-page letter and adds no blank pages', async () => {
    const one = await renderLetter(shortLetter(3), sampleLetterData(), { date });
    expect(one.pageCount).toBe(1);
    expect(pdfText(one.pdf)).not.toContain('Page 1');

    const two = await renderLetter(shortLetter(14), sampleLetterData(), { date });
    expect(two.pageCount).toBe(2);
    expect(pdfPageCount(two.pdf)).toBe(2);
    expect(pdfText(two.pdf, 1)).toContain('Page 1 of 2');
    const second = pdfText(two.pdf, 2);
    expect(second).toContain('Page 2 of 2');
    expect(second).toContain('Paragraph 14.');
    expect(second).toContain('Jordan Avery');
  });

  it('keeps the continuation header to one line, however long the payer name', async () => {
    const sample = sampleLetterData();
    const data: LetterData = {
      ...sample,
      fields: {
        ...sample.fields,
        payer_name:
          'Lakeshore Health Plan of the Great Lakes Region, Medicaid Managed Care Division',
      },
    };
    const { pdf, pageCount } = await renderLetter(appeal, data, { date });
    expect(pageCount).toBe(2);
    const header = pdfWords(pdf).filter((w) => w.page === 2 && w.yMax < INCH);
    // the claim and the member come first, so a loose page can be matched to its claim
    expect(header.slice(0, 2).map((w) => w.text)).toEqual([
      'Claim',
      sample.fields.payer_claim_number,
    ]);
    expect(header.map((w) => w.text).join(' ')).toContain(`Member ID ${sample.fields.member_id}`);
    expect(new Set(header.map((w) => Math.round(w.yMin))).size).toBe(1);
    expect(header.at(-1)?.text).toMatch(/\u2026$/);
  });
});
