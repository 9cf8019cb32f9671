import { describe, expect, expectTypeOf, it } from 'vitest';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { Cents } from '../../shared/money/cents';
import { isoDate } from '../../shared/dates/iso-date';
import { fillTemplate, letterWarnings, type FilledBlock } from './fill';
import type { DateRange, LetterData, LetterFields } from './letter-data';
import { sampleLetterData } from './sample-data';
import { parseTemplate } from './template-parse';

const date = isoDate('2026-03-25');

function template(body: string, extra = '') {
  const result = parseTemplate(
    `---\nid: t\nkind: appeal\ntitle: T\ncategories: eligibility\nlevel: 1\nreference: patient_name, member_id\nrequired: member_id, enclosures${extra}\n---\n${body}`,
  );
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.template;
}

function without(data: LetterData, key: keyof LetterData['fields']): LetterData {
  const fields = { ...data.fields };
  delete fields[key];
  return { ...data, fields };
}

function paragraphs(blocks: readonly FilledBlock[]): string[] {
  return blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));
}

describe('LetterFields', () => {
  it('types each value as its catalogue entry says', () => {
    expectTypeOf<LetterFields['billed_amount']>().toEqualTypeOf<Cents | undefined>();
    expectTypeOf<LetterFields['date_of_birth']>().toEqualTypeOf<IsoDate | undefined>();
    expectTypeOf<LetterFields['dates_of_service']>().toEqualTypeOf<DateRange | undefined>();
    expectTypeOf<LetterFields['member_id']>().toEqualTypeOf<string | undefined>();
  });
});

describe('fillTemplate', () => {
  it('formats money, dates and ranges, and derives code lists from structured data only', () => {
    const filled = fillTemplate(
      template(
        'Billed {{billed_amount}} on {{dates_of_service}}; born {{date_of_birth}}; codes {{denial_code_list}}; CPT {{procedure_codes}}; today {{today}}.',
      ),
      sampleLetterData(),
      { date },
    );
    expect(paragraphs(filled.body)[0]).toBe(
      'Billed $18,450.00 on 02/09/2026 \u2013 02/11/2026; born 04/17/1958; codes CO-50, N115; CPT 0120, 93458-26, 84484; today 03/25/2026.',
    );
    expect(filled.warnings).toEqual([]);
    expect(filled.reference).toEqual([
      { caption: 'Patient', value: 'Eleanor M. Testwell' },
      { caption: 'Member ID', value: 'LHP884512307' },
    ]);
  });

  it('prints a missing value as its bracketed label and warns about it', () => {
    const filled = fillTemplate(
      template('Member {{member_id}}, group {{group_number}}.'),
      without(sampleLetterData(), 'member_id'),
      { date },
    );
    expect(paragraphs(filled.body)[0]).toBe('Member [MEMBER ID], group GRP-20931.');
    expect(filled.reference[1]).toEqual({ caption: 'Member ID', value: '[MEMBER ID]' });
    expect(filled.warnings).toEqual(['Member ID has no data and prints as [MEMBER ID].']);
    const field = filled.fields.find((f) => f.key === 'member_id');
    expect(field).toMatchObject({ value: null, required: true, label: 'MEMBER ID' });
  });

  it('clears the warning when the representative types the value into the text', () => {
    const filled = fillTemplate(
      template('Member {{member_id}}.'),
      without(sampleLetterData(), 'member_id'),
      {
        date,
      },
    );
    const edited = {
      ...filled,
      body: [{ type: 'paragraph' as const, text: 'Member LHP1.' }],
      reference: filled.reference.map((r) =>
        r.value === '[MEMBER ID]' ? { ...r, value: 'LHP1' } : r,
      ),
    };
    expect(filled.warnings).toHaveLength(1);
    expect(letterWarnings(edited)).toEqual([]);
  });

  it('shows a missing table or enclosure list as a placeholder, never an empty table', () => {
    const data: LetterData = { fields: sampleLetterData().fields };
    const filled = fillTemplate(
      template('Lines:\n\n{{service_lines}}\n\n{{denial_codes}}\n'),
      data,
      {
        date,
      },
    );
    expect(paragraphs(filled.body)).toEqual([
      'Lines:',
      '[SERVICE LINES]',
      '[DENIAL CODES WITH WORDING]',
    ]);
    expect(filled.enclosures).toEqual(['[ENCLOSURES]']);
    expect(filled.warnings).toEqual([
      'Service lines has no data and prints as [SERVICE LINES].',
      'Denial codes has no data and prints as [DENIAL CODES WITH WORDING].',
      'Enclosures has no data and prints as [ENCLOSURES].',
    ]);
  });

  it('fills denial code wording from the shared code table when none is given', () => {
    const filled = fillTemplate(template('{{denial_codes}}\n'), sampleLetterData(), { date });
    const block = filled.body[0];
    expect(block?.type).toBe('denialCodes');
    if (block?.type !== 'denialCodes') return;
    expect(block.rows[0]).toMatchObject({ code: 'CO-50', amount: 1_845_000 });
    expect(block.rows[0]!.wording).toContain('medical necessity');
    expect(block.rows[1]!.wording).toContain('Local Coverage Determination');
  });
});
