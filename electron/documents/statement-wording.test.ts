import { describe, expect, it } from 'vitest';
import { isoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import type { StatementData } from './statement-data';
import { renderStatement } from './statement-layout';
import { sampleStatementData } from './sample-data';
import { pdfRawText, writePageImages } from './test-pdf';

/** The sample statement in one situation, and its text as the patient reads it. */
async function printed(over: Partial<StatementData>, image?: string): Promise<string> {
  const base = sampleStatementData();
  const { pdf } = await renderStatement({
    ...base,
    summary: { ...base.summary, insurancePending: cents(0) },
    ...over,
  });
  if (image) writePageImages(pdf, image);
  return pdfRawText(pdf).replace(/\s+/g, ' ');
}

describe('statement wording', () => {
  it('says insurance processed the visits only when it did', async () => {
    const self = await printed({ stage: 'statement', insuranceProcessed: false });
    expect(self).not.toContain('Your insurance has processed');
    expect(self).toContain('This statement lists');
    const after = await printed({ stage: 'statement', insuranceProcessed: true });
    expect(after).toContain('Your insurance has processed the visits below');
  });

  it('tells a patient with visits still at insurance that those are not due yet', async () => {
    const base = sampleStatementData();
    const text = await printed({ stage: 'statement', summary: base.summary });
    expect(text).toContain('Some of the visits below');
    expect(text).toContain('Still with insurance, not included: $545.00');
    expect(text).not.toContain('Your insurance has processed');
  });

  it('gets firmer with the stage: second statement, past due, final notice with its date', async () => {
    expect(await printed({ stage: 'second_statement' })).toContain('This is our second statement');
    expect(await printed({ stage: 'past_due' })).toContain('is past due');
    const final = await printed(
      { stage: 'final_notice', finalActionDate: isoDate('2026-04-19') },
      'statement-final-notice',
    );
    expect(final).toContain('FINAL NOTICE');
    expect(final).toContain('If we have not heard from you by 04/19/2026');
    expect(final).toContain('may be referred to an outside collection agency after that');
  });

  it('asks a patient on a plan for the installment, not the balance', async () => {
    const text = await printed(
      {
        stage: 'final_notice',
        plan: {
          installmentDue: cents(14_816),
          dueDate: isoDate('2026-04-01'),
          remaining: cents(177_789),
          nextDate: isoDate('2026-05-01'),
        },
      },
      'statement-plan',
    );
    expect(text).toContain('PAYMENT PLAN STATEMENT');
    expect(text).toContain('Your installment of $148.16');
    expect(text).toContain('is due by 04/01/2026');
    expect(text).toContain('$1,777.89 left to pay in all');
    expect(text).toContain('next installment after this one is due 05/01/2026');
    expect(text).toContain('Installment due $148.16');
    expect(text).not.toContain('FINAL NOTICE');
    expect(text).not.toContain('past due');
  });

  it('prints a credit balance with no stub and no "amount enclosed"', async () => {
    const base = sampleStatementData();
    const text = await printed(
      {
        summary: { ...base.summary, amountDue: cents(-4_000) },
        aging: {
          current: cents(0),
          days31to60: cents(0),
          days61to90: cents(-4_000),
          days91to120: cents(0),
          over120: cents(0),
        },
      },
      'statement-credit',
    );
    expect(text).toContain('CREDIT BALANCE STATEMENT');
    expect(text).toContain('Credit balance $40.00');
    expect(text).toContain('Please do not send a payment');
    expect(text).not.toContain('Amount enclosed');
    expect(text).not.toContain('detach and return');
  });

  it('prints the remit-to address, the assistance summary and the language taglines', async () => {
    const text = await printed({ stage: 'statement' });
    expect(text).toContain('PO Box 4400');
    expect(text).toContain(
      'a plain-language summary is at www.riverbend-medical.example.org/assistance/',
    );
    expect(text).toContain('ATTENTION: Language assistance services, free of charge');
    expect(text).toContain('ATENCIÓN');
  });

  it('uses "Your share" for the plan\'s share and "Balance" for what is unpaid', async () => {
    const text = await printed({ stage: 'statement' });
    expect(text).toContain('Your share: copay $207.75');
    expect(text).toContain('"Balance" is what is still unpaid on the visit');
    expect(text).not.toMatch(/Your share \$/);
  });
});
