import { describe, expect, it } from 'vitest';
import { problemText } from './problem';

describe('problemText', () => {
  it('says where in the file, as much as is known', () => {
    const message = 'The claim amounts do not add up.';
    expect(problemText({ message, segmentId: 'CLP', segmentIndex: 14 })).toBe(
      'CLP at segment 14: The claim amounts do not add up.',
    );
    expect(problemText({ message, segmentId: 'CLP', segmentIndex: null })).toBe(
      'CLP: The claim amounts do not add up.',
    );
    expect(problemText({ message, segmentId: null, segmentIndex: 0 })).toBe(
      'Segment 0: The claim amounts do not add up.',
    );
    expect(problemText({ message, segmentId: null, segmentIndex: null })).toBe(message);
  });
});
