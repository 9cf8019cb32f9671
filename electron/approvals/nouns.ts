/** The kinds of request that wait for a supervisor. */
export type RequestKind = 'write_off' | 'refund' | 'reverse_entry' | 'reverse_payment';

/**
 * How the history, and the office's not-synced list, name a request: "Write-off of $600.00",
 * "Refund of $539.97".
 */
export const REQUEST_NOUN: Record<RequestKind, string> = {
  write_off: 'Write-off',
  refund: 'Refund',
  reverse_entry: 'Reversal',
  reverse_payment: 'Reversal of a payment',
};
