/**
 * Migration 34: the ledger summed by day, for the reports. At 200,000 accounts the aging
 * trend read 1.3 million ledger rows a year (p95 1.9 s, 2.4 s for one financial class) and
 * the cash report a year of payments joined to their receipts (p95 0.8 s); this table holds
 * the same sums in a few thousand rows a month. Triggers keep it: every ledger row adds to
 * its day in the statement that inserts it, so it can never disagree with the ledger, and
 * an account that changes financial class moves its sums with it. Payer, method (from the
 * receipt, which is never changed) and user are kept only for payments and refunds, the
 * rows the cash report splits by them; other kinds keep 0 and '' there, so they stay few.
 */
const MONEY = `kind IN ('payment', 'refund')`;
const PAYER = (l: string) => `CASE WHEN ${l}.${MONEY} THEN ifnull(${l}.payer_id, 0) ELSE 0 END`;
const METHOD = (l: string) =>
  `CASE WHEN ${l}.${MONEY} THEN ifnull((SELECT r.method FROM receipts r WHERE r.id = ${l}.receipt_id), '') ELSE '' END`;
const USER = (l: string) => `CASE WHEN ${l}.${MONEY} THEN ${l}.created_by ELSE 0 END`;
const COLUMNS = `posting_date, financial_class, kind, side, payer_id, method, created_by, amount, entries`;
const ADD = `ON CONFLICT DO UPDATE SET amount = amount + excluded.amount, entries = entries + excluded.entries`;

/** The account's rows as summary rows under a class, added (+) or taken away (-). */
const accountRows = (klass: string, sign: '' | '-') => `
  INSERT INTO ledger_day_totals (${COLUMNS})
  SELECT l.posting_date, ${klass}, l.kind, l.side, ${PAYER('l')}, ${METHOD('l')}, ${USER('l')},
    ${sign}sum(l.amount), ${sign}count(*)
    FROM ledger_entries l WHERE l.account_id = new.id
   GROUP BY 1, 3, 4, 5, 6, 7
  ${ADD};`;

export const migration034 = `
CREATE TABLE ledger_day_totals (
  posting_date TEXT NOT NULL,
  financial_class TEXT NOT NULL,
  kind TEXT NOT NULL,
  side TEXT NOT NULL,
  payer_id INTEGER NOT NULL,
  method TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  amount INTEGER NOT NULL,
  entries INTEGER NOT NULL,
  UNIQUE (posting_date, financial_class, kind, side, payer_id, method, created_by)
);

INSERT INTO ledger_day_totals (${COLUMNS})
SELECT l.posting_date, a.financial_class, l.kind, l.side, ${PAYER('l')}, ${METHOD('l')}, ${USER('l')},
  sum(l.amount), count(*)
  FROM ledger_entries l JOIN accounts a ON a.id = l.account_id
 GROUP BY 1, 2, 3, 4, 5, 6, 7;

CREATE TRIGGER ledger_entries_day_totals AFTER INSERT ON ledger_entries
BEGIN
  INSERT INTO ledger_day_totals (${COLUMNS})
  SELECT new.posting_date, a.financial_class, new.kind, new.side, ${PAYER('new')}, ${METHOD('new')},
    ${USER('new')}, new.amount, 1
    FROM accounts a WHERE a.id = new.account_id
  ${ADD};
END;

CREATE TRIGGER accounts_class_day_totals AFTER UPDATE OF financial_class ON accounts
WHEN old.financial_class IS NOT new.financial_class
BEGIN
  ${accountRows('new.financial_class', '')}
  ${accountRows('old.financial_class', '-')}
END;
`;
