import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../shared/dates/iso-date';
import { firstAppealSentence } from './first-appeal';

const sent = '2026-02-02' as IsoDate;
const decided = '2026-03-04' as IsoDate;

describe('the sentence citing the first appeal', () => {
  it('names the decision and the reference when both are on file', () => {
    expect(firstAppealSentence({ sent, decided, reference: 'APL-1' })).toBe(
      'Our first appeal, sent on 02/02/2026, was upheld by your letter dated 03/04/2026 (your reference APL-1).',
    );
  });

  it('leaves out what is not on file, with no gap or bracket', () => {
    expect(firstAppealSentence({ sent, decided })).toBe(
      'Our first appeal, sent on 02/02/2026, was upheld by your letter dated 03/04/2026.',
    );
    expect(firstAppealSentence({ sent, reference: ' APL-2 ' })).toBe(
      'Our first appeal was sent on 02/02/2026; your reference for it is APL-2.',
    );
    expect(firstAppealSentence({ sent, reference: '  ' })).toBe(
      'Our first appeal was sent on 02/02/2026.',
    );
  });

  it('shows the first appeal date as a gap to fill when it is not known', () => {
    expect(firstAppealSentence({ decided })).toContain('sent on [FIRST APPEAL DATE], was upheld');
  });
});
