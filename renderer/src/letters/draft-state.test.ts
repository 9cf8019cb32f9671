import { describe, expect, it } from 'vitest';
import type { AppealDraft, DraftField } from '../../../shared/api/letters';
import {
  blockShowing,
  changedBlocks,
  emptyBlocks,
  ENCLOSURE_FIELD,
  letterInput,
  originalTexts,
  placeholderMark,
  stillMissing,
} from './draft-state';

const memberId: DraftField = { key: 'memberId', label: 'Member ID', value: null, required: true };
const authNumber: DraftField = {
  key: 'authNumber',
  label: 'Authorization number',
  value: null,
  required: false,
};
const enclosuresField: DraftField = {
  key: ENCLOSURE_FIELD,
  label: 'Enclosures',
  value: null,
  required: false,
};
const patient: DraftField = { key: 'patient', label: 'Patient', value: 'Ana Ruiz', required: true };

function draft(): AppealDraft {
  return {
    denialId: 7,
    claimId: 3,
    accountId: 2,
    templateId: 'appeal-medical-necessity',
    suggestedTemplateId: 'appeal-medical-necessity',
    templates: [],
    subject: 'Appeal',
    recipient: ['Acme Health', 'Appeals'],
    // the authorization number's mark is only in the reference lines, never in editable text
    fields: [patient, memberId, authNumber, enclosuresField],
    blocks: [
      { index: 0, option: null, type: 'heading', text: 'Request for reconsideration' },
      {
        index: 1,
        option: null,
        type: 'paragraph',
        text: 'Member [MEMBER ID] was treated on 03/07/2026.',
      },
      { index: 2, option: null, type: 'list', items: ['one', 'two'] },
      { index: 3, option: null, type: 'paragraph', text: 'Please reconsider.' },
      { index: 4, option: null, type: 'table', caption: 'Lines' },
    ],
    options: [],
    suggestedEnclosures: ['Medical records'],
    warnings: [],
    deadline: null,
    late: false,
  };
}

describe('placeholderMark', () => {
  it('prints a field with no data as its label in capitals, in brackets', () => {
    expect(placeholderMark(memberId)).toBe('[MEMBER ID]');
  });
});

describe('the letter as edited', () => {
  it('starts from the template text of the editable blocks only', () => {
    expect(originalTexts(draft())).toEqual({
      0: 'Request for reconsideration',
      1: 'Member [MEMBER ID] was treated on 03/07/2026.',
      3: 'Please reconsider.',
    });
  });

  it('sends only the blocks whose text differs from the template', () => {
    const d = draft();
    expect(changedBlocks(d, originalTexts(d))).toEqual([]);
    expect(changedBlocks(d, { ...originalTexts(d), 3: 'Please reconsider this claim.' })).toEqual([
      { index: 3, text: 'Please reconsider this claim.' },
    ]);
    // a block edited and then typed back as it was is not an edit
    expect(changedBlocks(d, { 3: 'Please reconsider.' })).toEqual([]);
  });

  it('finds blocks left empty, which a letter cannot drop', () => {
    const d = draft();
    expect(emptyBlocks(d, {})).toEqual([]);
    expect(emptyBlocks(d, { 0: '  ', 3: '\n' })).toEqual([0, 3]);
  });

  it('builds what preview and generate take, with its own copy of the enclosures', () => {
    const enclosures = ['Medical records'];
    const input = letterInput(
      draft(),
      { 1: 'Member 12345 was treated on 03/07/2026.' },
      enclosures,
    );
    expect(input).toEqual({
      denialId: 7,
      templateId: 'appeal-medical-necessity',
      edits: [{ index: 1, text: 'Member 12345 was treated on 03/07/2026.' }],
      enclosures: ['Medical records'],
      options: [],
      confirmLate: false,
    });
    expect(input.enclosures).not.toBe(enclosures);
  });
});

describe('what the letter still lacks', () => {
  it('lists every field with no data, and only those', () => {
    expect(stillMissing(draft(), {}, []).map((f) => f.key)).toEqual([
      'memberId',
      'authNumber',
      ENCLOSURE_FIELD,
    ]);
  });

  it('counts a placeholder written over in the text as dealt with', () => {
    const texts = { 1: 'Member 12345 was treated on 03/07/2026.' };
    expect(stillMissing(draft(), texts, ['Medical records']).map((f) => f.key)).toEqual([
      'authNumber',
    ]);
  });

  it('keeps a placeholder that is only in the account data, whatever the text says', () => {
    const texts = { 3: 'Authorization [AUTHORIZATION NUMBER] is on file.' };
    expect(stillMissing(draft(), texts, ['x']).map((f) => f.key)).toContain('authNumber');
    expect(stillMissing(draft(), { 3: 'Authorization 99 is on file.' }, ['x'])).toContainEqual(
      authNumber,
    );
  });

  it('points at the block that still shows a mark', () => {
    const d = draft();
    expect(blockShowing(d, {}, memberId)).toBe(1);
    expect(blockShowing(d, { 1: 'Member 12345.' }, memberId)).toBeNull();
    expect(blockShowing(d, { 3: 'See [MEMBER ID].', 1: 'Member 12345.' }, memberId)).toBe(3);
    expect(blockShowing(d, {}, authNumber)).toBeNull();
  });
});
