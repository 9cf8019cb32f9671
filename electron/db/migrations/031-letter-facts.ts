/**
 * Migration 31: facts the letters cite that were not kept before.
 *
 * - appeal_responses: what the payer answered to an appeal at a level (an acknowledgment
 *   or a decision upholding the denial), the date of its letter and its reference number,
 *   so a second-level appeal can cite the first. Rows are kept as recorded.
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
`;
