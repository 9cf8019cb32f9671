import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../shared/dates/iso-date';
import { sampleLetterData } from './sample-data';
import { renderLetter } from './letter-layout';
import { loadShippedTemplates } from './template-load';
import { describeErrors, parseTemplate } from './template-parse';
import { pdfText } from './test-pdf';

const FRONT = `---
id: test-letter
kind: appeal
title: Test
categories: eligibility
level: 1
---
`;

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('optional arguments in a template', () => {
  it('reads the label, the hint and the blocks between the markers', () => {
    const result = parseTemplate(
      `${FRONT}Dear Reviewer:\n\n[[optional: Emergency care | Only when the patient came through the emergency department.]]\n- The services were emergency services.\n\nFederal law applies.\n[[end]]\n\nThank you.\n`,
    );
    if (!result.ok) throw new Error(describeErrors(result.errors));
    const t = result.template;
    expect(t.options).toEqual([
      {
        id: 'emergency-care',
        label: 'Emergency care',
        hint: 'Only when the patient came through the emergency department.',
        line: 10,
      },
    ]);
    expect(t.body.map((b) => [b.type, b.option])).toEqual([
      ['paragraph', undefined],
      ['list', 'emergency-care'],
      ['paragraph', 'emergency-care'],
      ['paragraph', undefined],
    ]);
  });

  it.each([
    [
      '[[optional: Emergency care]]\nText.\n[[end]]',
      10,
      /\[\[optional: Label \| when it applies\]\]/,
    ],
    ['[[optional: A | hint]]\nText.\n', 10, /"A" has no "\[\[end\]\]"/],
    ['Text.\n\n[[end]]', 12, /"\[\[end\]\]" closes nothing/],
    ['[[optional: A | hint]]\n[[end]]', 10, /"A" is empty/],
    ['[[optional: A | hint]]\nOne.\n[[optional: B | hint]]\nTwo.\n[[end]]', 12, /must end with/],
    [
      '[[optional: A | hint]]\nOne.\n[[end]]\n[[optional: A | hint]]\nTwo.\n[[end]]',
      13,
      /given twice/,
    ],
  ])('reports a badly marked argument with its line: %s', (body, line, message) => {
    const result = parseTemplate(`${FRONT}Dear Reviewer:\n\n${body}\n`);
    if (result.ok) throw new Error('accepted');
    expect(result.errors).toContainEqual({ line, message: expect.stringMatching(message) });
  });

  it('every shipped argument prints only when ticked, with a hint of when it applies', async () => {
    const templates = (await loadShippedTemplates()).filter((t) => t.options.length > 0);
    // every second-level appeal: what the first decision left out is the representative's to say
    expect(templates.map((t) => t.id).sort()).toEqual([
      'appeal-coding-bundling-2',
      'appeal-eligibility-2',
      'appeal-medical-necessity-1',
      'appeal-medical-necessity-2',
      'appeal-non-covered-1',
      'appeal-non-covered-2',
      'appeal-prior-authorization-1',
      'appeal-prior-authorization-2',
      'appeal-timely-filing-2',
      'corrected-claim-cover',
    ]);
    const date = '2026-03-16' as IsoDate;
    for (const template of templates) {
      const data = sampleLetterData();
      const off = flat(pdfText((await renderLetter(template, data, { date })).pdf));
      const ids = template.options.map((o) => o.id);
      const on = flat(
        pdfText((await renderLetter(template, { ...data, options: ids }, { date })).pdf),
      );
      for (const option of template.options) {
        expect(option.hint, `${template.id} ${option.id}`).toMatch(/^.{10,160}$/);
        const first = template.body.find((b) => b.option === option.id);
        const text =
          first?.type === 'list' ? first.items[0] : first?.type === 'paragraph' ? first.text : '';
        // the opening words of the argument, before any placeholder
        const words = (text ?? '').split('{{')[0]!.split(' ').slice(0, 6).join(' ');
        expect(words.length, `${template.id} ${option.id}`).toBeGreaterThan(10);
        expect(off, `${template.id} ${option.id} off`).not.toContain(words);
        expect(on, `${template.id} ${option.id} on`).toContain(words);
      }
      expect(off).not.toMatch(
        /No Surprises Act|emergency services|serious risk|referred to us|claim you received on time/,
      );
    }
  });
});
