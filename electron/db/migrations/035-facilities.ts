/**
 * Migration 35: facility as a dimension of the reports. A hospital system bills for several
 * facilities; each account now belongs to one. The existing single facility becomes facility
 * 1, the default, and every existing account is put under it, so a one-facility clinic sees
 * nothing change. The letterhead stays the one `facility` row; `facilities` names the
 * facilities accounts are billed under and the NPI a claim file's billing provider (2010AA)
 * is matched on.
 *
 * The column has no REFERENCES clause because SQLite refuses to add one with a non-null
 * default while foreign keys are on; the triggers below refuse an unknown facility instead.
 *
 * Two indexes let the denials and appeals reports start from the period's rows (found by
 * the query-plan test of the reports read for one facility).
 *
 * The day totals (migration 34) gain the facility as a key column so the cash report and the
 * aging trend can be read for one facility without the ledger: the table is rebuilt from the
 * ledger, and its triggers are remade to keep the facility too, and to move an account's sums
 * when it moves to another facility as they already do for a change of financial class.
 */
const MONEY = `kind IN ('payment', 'refund')`;
const PAYER = (l: string) => `CASE WHEN ${l}.${MONEY} THEN ifnull(${l}.payer_id, 0) ELSE 0 END`;
const METHOD = (l: string) =>
  `CASE WHEN ${l}.${MONEY} THEN ifnull((SELECT r.method FROM receipts r WHERE r.id = ${l}.receipt_id), '') ELSE '' END`;
const USER = (l: string) => `CASE WHEN ${l}.${MONEY} THEN ${l}.created_by ELSE 0 END`;
const COLUMNS = `posting_date, facility_id, financial_class, kind, side, payer_id, method, created_by, amount, entries`;
const ADD = `ON CONFLICT DO UPDATE SET amount = amount + excluded.amount, entries = entries + excluded.entries`;

/** The account's rows as summary rows under a facility and class, added (+) or taken away (-). */
const accountRows = (facility: string, klass: string, sign: '' | '-') => `
  INSERT INTO ledger_day_totals (${COLUMNS})
  SELECT l.posting_date, ${facility}, ${klass}, l.kind, l.side, ${PAYER('l')}, ${METHOD('l')},
    ${USER('l')}, ${sign}sum(l.amount), ${sign}count(*)
    FROM ledger_entries l WHERE l.account_id = new.id
   GROUP BY 1, 4, 5, 6, 7, 8
  ${ADD};`;

export const migration035 = `
CREATE TABLE facilities (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  -- the billing provider NPI claims for this facility carry (837 loop 2010AA), when known
  npi TEXT
);
CREATE INDEX facilities_npi ON facilities (npi) WHERE npi IS NOT NULL;

INSERT INTO facilities (id, name, npi)
VALUES (1, coalesce((SELECT name FROM facility WHERE id = 1), 'Main facility'),
  (SELECT npi FROM facility WHERE id = 1));

CREATE TRIGGER facilities_keep_default BEFORE DELETE ON facilities WHEN old.id = 1
BEGIN SELECT RAISE(ABORT, 'the default facility is kept'); END;

ALTER TABLE accounts ADD COLUMN facility_id INTEGER NOT NULL DEFAULT 1;
CREATE INDEX accounts_facility ON accounts (facility_id);

-- the denials and appeals of a period, read for one facility, start from the period's rows
-- rather than a scan of every denial or appeal letter
CREATE INDEX denials_remit_date ON denials (remit_date);
CREATE INDEX documents_appeal_sent ON documents (sent_date) WHERE kind = 'appeal';

CREATE TRIGGER accounts_facility_known BEFORE INSERT ON accounts
WHEN NOT EXISTS (SELECT 1 FROM facilities f WHERE f.id = new.facility_id)
BEGIN SELECT RAISE(ABORT, 'unknown facility'); END;
CREATE TRIGGER accounts_facility_known_update BEFORE UPDATE OF facility_id ON accounts
WHEN NOT EXISTS (SELECT 1 FROM facilities f WHERE f.id = new.facility_id)
BEGIN SELECT RAISE(ABORT, 'unknown facility'); END;

DROP TRIGGER ledger_entries_day_totals;
DROP TRIGGER accounts_class_day_totals;
DROP TABLE ledger_day_totals;

CREATE TABLE ledger_day_totals (
  posting_date TEXT NOT NULL,
  facility_id INTEGER NOT NULL,
  financial_class TEXT NOT NULL,
  kind TEXT NOT NULL,
  side TEXT NOT NULL,
  payer_id INTEGER NOT NULL,
  method TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  amount INTEGER NOT NULL,
  entries INTEGER NOT NULL,
  UNIQUE (posting_date, facility_id, financial_class, kind, side, payer_id, method, created_by)
);

INSERT INTO ledger_day_totals (${COLUMNS})
SELECT l.posting_date, a.facility_id, a.financial_class, l.kind, l.side, ${PAYER('l')},
  ${METHOD('l')}, ${USER('l')}, sum(l.amount), count(*)
  FROM ledger_entries l JOIN accounts a ON a.id = l.account_id
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

CREATE TRIGGER ledger_entries_day_totals AFTER INSERT ON ledger_entries
BEGIN
  INSERT INTO ledger_day_totals (${COLUMNS})
  SELECT new.posting_date, a.facility_id, a.financial_class, new.kind, new.side,
    ${PAYER('new')}, ${METHOD('new')}, ${USER('new')}, new.amount, 1
    FROM accounts a WHERE a.id = new.account_id
  ${ADD};
END;

CREATE TRIGGER accounts_class_day_totals AFTER UPDATE OF financial_class, facility_id ON accounts
WHEN old.financial_class IS NOT new.financial_class OR old.facility_id IS NOT new.facility_id
BEGIN
  ${accountRows('new.facility_id', 'new.financial_class', '')}
  ${accountRows('old.facility_id', 'old.financial_class', '-')}
END;
`;
