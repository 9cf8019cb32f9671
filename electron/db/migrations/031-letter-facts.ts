/**
 * Migration 31: facts the letters cite that were not kept before.
 *
 * - appeal_responses: what the payer answered to an appeal at a level (an acknowledgment
 *   or a decision upholding the denial), the date of its letter and its reference number,
 *   so a second-level appeal can cite the first. Rows are kept as recorded.
 * - claim_line_providers: the providers an 837 names for one service line (2420 loops:
 *   rendering, referring...), as claim_providers keeps the claim's. Claims imported
 *   before this migration have none.
 */
export const migration031 = `
CREATE TABLE appeal_responses (
  id INTEGER PRIMARY KEY,
  denial_id INTEGER NOT NULL REFERENCES denials (id),
  level TEXT NOT NULL CHECK (level IN ('first', 'second', 'external')),
  kind TEXT NOT NULL CHECK (kind IN ('acknowledged', 'upheld')),
  letter_date TEXT NOT NULL,
  reference TEXT CHECK (reference IS NULL OR length(trim(reference)) > 0),
  recorded_at TEXT NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES users (id)
);
CREATE INDEX appeal_responses_denial ON appeal_responses (denial_id, level, id);
CREATE TRIGGER appeal_responses_no_update BEFORE UPDATE ON appeal_responses
BEGIN SELECT RAISE(ABORT, 'appeal responses are kept as recorded'); END;

CREATE TABLE claim_line_providers (
  claim_line_id INTEGER NOT NULL REFERENCES claim_lines (id),
  role TEXT NOT NULL CHECK (role IN ('attending', 'operating', 'rendering', 'referring')),
  name TEXT NOT NULL,
  npi TEXT,
  PRIMARY KEY (claim_line_id, role)
);
`;
