import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cents } from '../../../shared/money/cents';
import { closeBlocker, receiptNotReversible } from './batch-rules';

const open = (difference: number, receiptCount = 3) => ({
  status: 'open' as const,
  receiptCount,
  difference: cents(difference),
});

describe('closeBlocker', () => {
  it('lets a balanced batch with payments close', () => {
    expect(closeBlocker(open(0))).toBeNull();
  });

  it('says how much is still to post, or how much too much was posted', () => {
    expect(closeBlocker(open(123456))).toBe(
      'Closes at a $0.00 difference: $1,234.56 still to post.',
    );
    expect(closeBlocker(open(-1))).toBe(
      'Closes at a $0.00 difference: $0.01 more posted than expected.',
    );
  });

  it('refuses an empty batch and one already closed, whatever the difference', () => {
    expect(closeBlocker(open(0, 0))).toBe(
      'Post the payments first: an empty batch cannot be closed.',
    );
    expect(closeBlocker({ ...open(500), status: 'closed' })).toBe('This batch is closed.');
  });

  it('lets a batch with payments close exactly when it is off by no cent', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), (difference) => {
        expect(closeBlocker(open(difference)) === null).toBe(difference === 0);
      }),
    );
  });
});

describe('receiptNotReversible', () => {
  it('reverses a payment once, and never a reversal', () => {
    expect(receiptNotReversible({ reversesId: null, reversedById: null })).toBeNull();
    expect(receiptNotReversible({ reversesId: null, reversedById: 9 })).toBe('Already reversed.');
    expect(receiptNotReversible({ reversesId: 4, reversedById: null })).toBe(
      'This is a reversal; post the payment again instead.',
    );
  });
});
