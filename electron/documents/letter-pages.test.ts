import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../shared/dates/iso-date';
import { renderLetter } from './letter-layout';
import { sampleLetterData } from './sample-data';
import { loadShippedTemplates } from './template-load';
import { pdfPageCount, pdfText } from './test-pdf';

const date = '2026-03-16' as IsoDate;
const words = (text: string) => text.split(/\s+/).filter((w) => w !== '');

/** Each page's words, without the running header and the "Page X of N" footer. */
function pageWords(pdf: Buffer): string[][] {
  const pages: string[][] = [];
  for (let page = 1; page <= pdfPageCount(pdf); page++) {
    const lines = pdfText(pdf, page)
      .split('\n')
      .filter((l) => l.trim() !== '' && !/^\s*Page \d+ of \d+\s*$/.test(l));
    pages.push(words((page > 1 ? lines.slice(1) : lines).join(' ')));
  }
  return pages;
}

describe('letter pages', () => {
  it('never leave the closing and signature, or a few words, alone on a page', async () => {
    const template = (await loadShippedTemplates()).find(
      (t) => t.id === 'appeal-medical-necessity-1',
    );
    if (!template) throw new Error('no template');
    const sample = sampleLetterData();
    const sentence = 'The patient presented with findings that the enclosed records document.';
    let breaks = 0;
    // a summary growing a sentence at a time moves the signature over every spot of page 2
    for (let n = 0; n < 40; n += 1) {
      const data = {
        ...sample,
        fields: {
          ...sample.fields,
          clinical_summary: Array(n + 1)
            .fill(sentence)
            .join(' '),
        },
      };
      const pages = pageWords((await renderLetter(template, data, { date })).pdf);
      for (const [i, page] of pages.entries()) {
        expect(page.length, `summary of ${n + 1} sentences, page ${i + 1}`).toBeGreaterThan(40);
        const closing = page.indexOf('Sincerely,');
        if (closing >= 0) {
          // the last paragraph of the letter is on the page with the signature
          expect(page.slice(0, closing).join(' '), `${n + 1} sentences`).toContain(
            'Thank you for your prompt attention to this appeal.',
          );
        }
      }
      breaks += pages.length;
    }
    expect(breaks).toBeGreaterThan(40);
  });

  it('greets the department the attention line names', async () => {
    const templates = (await loadShippedTemplates()).filter((t) => t.recipient === 'payer');
    for (const template of templates) {
      const text = pdfText((await renderLetter(template, sampleLetterData(), { date })).pdf);
      const attention = /Attn: (\w+)/.exec(text)?.[1];
      const greeting = /^\s*(Dear .*|To the .*):\s*$/m.exec(text)?.[1] ?? '';
      expect(attention, template.id).toBeDefined();
      if (greeting.startsWith('To the ')) {
        expect(template.kind, template.id).toBe('medicare-redetermination');
        continue;
      }
      expect(greeting, template.id).toContain(attention);
    }
  });
});
