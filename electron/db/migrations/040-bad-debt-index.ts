/**
 * Migration 40: adjustments by reason and date, for the collections report. Its bad debt
 * written off and recovered in a period read the year's ledger through ledger_date and
 * looked up each row's reason: at 200,000 accounts, 1.3 and 2.2 s for the two sums. Only
 * adjustments are indexed (a third of the ledger), so the bad-debt rows are found directly.
 */
export const migration040 = `
CREATE INDEX ledger_adjustment_reason ON ledger_entries (reason_code, posting_date)
  WHERE kind = 'adjustment';
`;
