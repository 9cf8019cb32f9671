import { describe, expect, it } from 'vitest';
import { isoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import type { StatementData, StatementLine } from './statement-data';
import { renderStatement } from './statement-layout';
import { messageTier } from './statement-text';
import { sampleStatementData } from './sample-data';
import { pdfFontNames, pdfPageCount, pdfText, writePageImages } from './test-pdf';

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe('renderStatement', () => {
  it('prints the summary, aging, visit lines, assistance notice and a stub repeating the amount due', async () => {
    const data = sampleStatementData();
    const { pdf, pageCount, warnings } = await renderStatement(data);
    writePageImages(pdf, 'patient-statement');
    expect(warnings).toEqual([]);
    // the language taglines and the assistance summary take room: the fourth visit goes over
    expect(pageCount).toBe(2);
    expect(pdfPageCount(pdf)).toBe(2);
    const text = pdfText(pdf).replace(/[ \t]+/g, ' ');
    for (const expected of [
      'Previous balance $125.00',
      'New charges $0.00',
      'Your share after insurance $357.75',
      'Payments received $0.00',
      'Still with insurance, not included: $545.00',
      '$357.75',
      'Your share: copay $207.75',
      'deductible $100.00, coinsurance $50.00',
      'Financial assistance is available',
      '(555) 010-2150',
      'medical.example.org/assistance',
      'pay.riverbend-medical.example.org',
      'Please detach and return this portion with your payment',
      'Amount enclosed',
      'PO Box 4400',
      '03/20/2026',
      '04/10/2026',
    ]) {
      expect(text).toContain(expected);
    }
    // header, summary, message and stub all carry the amount due
    expect(occurrences(text, '$482.75')).toBeGreaterThanOrEqual(4);
    const stub = text.slice(text.indexOf('detach and return'));
    expect(stub).toContain('A100482');
    expect(stub).toContain('$482.75');
    for (const font of pdfFontNames(pdf)) expect(font.name).toMatch(/\+Liberation/);
  });

  it('picks the message by the situation, then by the stage', () => {
    const base = sampleStatementData();
    const owing = { ...base.summary, insurancePending: cents(0) };
    const tier = (over: Partial<StatementData>) =>
      messageTier({ ...base, summary: owing, ...over });
    expect(tier({ stage: 'statement', insuranceProcessed: false })).toBe('self-pay');
    expect(tier({ stage: 'statement', insuranceProcessed: true })).toBe('after-insurance');
    expect(tier({ stage: 'statement', summary: base.summary })).toBe('insurance-pending');
    expect(tier({ stage: 'second_statement' })).toBe('second');
    expect(tier({ stage: 'past_due' })).toBe('past-due');
    expect(tier({ stage: 'final_notice' })).toBe('final');
    const plan = {
      installmentDue: cents(100),
      dueDate: isoDate('2026-04-01'),
      remaining: cents(900),
      nextDate: null,
    };
    expect(tier({ stage: 'final_notice', plan })).toBe('plan');
    expect(tier({ summary: { ...owing, amountDue: cents(-500) } })).toBe('credit');
    // a preview without a stage: the days past due stand in for it
    const { stage: _none, ...unstaged } = base;
    expect(messageTier({ ...unstaged, summary: owing, daysPastDue: 130 })).toBe('final');
  });

  it('warns when the summary or the aging does not add up to the amount due', async () => {
    const data = sampleStatementData();
    const { warnings } = await renderStatement({
      ...data,
      summary: { ...data.summary, payments: cents(1) },
    });
    expect(warnings[0]).toContain('The summary does not add up');
    const aged = await renderStatement({ ...data, aging: { ...data.aging, over120: cents(5) } });
    expect(aged.warnings[0]).toContain('The aging buckets total $482.80');
  });

  it('continues a long visit list on numbered pages and is repeatable', async () => {
    const base = sampleStatementData();
    const line = base.lines[1]!;
    const lines: StatementLine[] = Array.from({ length: 18 }, (_, i) => ({
      ...line,
      date: isoDate(`2026-02-${String(i + 1).padStart(2, '0')}`),
      description: `Visit number ${i + 1}`,
    }));
    const data: StatementData = { ...base, lines };
    const { pdf, pageCount } = await renderStatement(data);
    writePageImages(pdf, 'patient-statement-long');
    expect(pageCount).toBe(2);
    expect(pdfPageCount(pdf)).toBe(2);
    expect(pdfText(pdf, 1)).toContain('Page 1 of 2');
    const second = pdfText(pdf, 2);
    expect(second).toContain('Page 2 of 2');
    expect(second).toContain('Visit detail, continued');
    expect(second).toContain('Visit number 18');
    const again = await renderStatement(data);
    expect(again.pdf.equals(pdf)).toBe(true);
  });
});
