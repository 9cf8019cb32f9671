import { describe, expect, it } from 'vitest';
import { isoDate } from '../../shared/dates/iso-date';
import { renderLetter } from './letter-layout';
import { sampleLetterData } from './sample-data';
import { DENIAL_CATEGORIES } from './template';
import { loadShippedTemplates } from './template-load';
import { pdfPageCount, pdfText } from './test-pdf';

const templates = await loadShippedTemplates();
const letters = templates.filter((t) => t.kind !== 'statement');
const date = isoDate('2026-03-25');

describe('shipped templates', () => {
  it('has a first- and second-level appeal for every denial category', () => {
    for (const category of DENIAL_CATEGORIES) {
      const levels = templates
        .filter((t) => t.kind === 'appeal' && t.categories.includes(category))
        .map((t) => t.level)
        .sort();
      expect(levels, category).toEqual([1, 2]);
    }
  });

  it('has the Medicare, corrected-claim, statement and patient letters', () => {
    const ids = templates.map((t) => t.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'medicare-redetermination',
        'corrected-claim-cover',
        'patient-statement',
        'past-due-notice',
        'final-notice',
        'payment-plan-agreement',
        'financial-assistance-notice',
        'estate-letter',
        'address-verification',
      ]),
    );
    expect(templates).toHaveLength(27);
  });

  it('asks for every field form CMS-20027 carries in the Medicare request', () => {
    const medicare = templates.find((t) => t.id === 'medicare-redetermination');
    expect(medicare?.placeholders).toEqual(
      expect.arrayContaining([
        'patient_name',
        'medicare_number',
        'service_description',
        'dates_of_service',
        'initial_determination_date',
        'disagreement_reason',
        'representative_name',
        'requester_relationship',
        'facility_address',
        'representative_phone',
      ]),
    );
  });

  it.each(letters.map((t) => [t.id, t] as const))(
    '%s renders the sample data with no gaps',
    async (_id, template) => {
      const data = sampleLetterData();
      const { pdf, pageCount, warnings } = await renderLetter(template, data, { date });
      expect(warnings).toEqual([]);
      expect(pdfPageCount(pdf)).toBe(pageCount);
      const text = pdfText(pdf).replace(/\s+/g, ' ');
      expect(text).toContain('Riverbend Regional Medical Center');
      expect(text).toContain('03/25/2026');
      expect(text).not.toMatch(/\[[A-Z ]+\]|\{\{/);
      if (template.recipient === 'payer') {
        expect(text).toContain('Lakeshore Health Plan');
        expect(text).toContain(data.fields.payer_claim_number);
        expect(text).toContain('Eleanor M. Testwell');
        expect(text).toContain('Jordan Avery');
      } else {
        expect(text).toContain('48 Maple Hollow Lane');
        expect(text).toContain('A100482');
      }
      if (pageCount > 1) expect(text).toContain(`Page ${pageCount} of ${pageCount}`);
    },
  );
});
