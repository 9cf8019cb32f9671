/**
 * Migration 31: facts the letters cite that were not kept before.
 *
 * - appeal_responses: what the payer answered to an appeal at a level (an acknowledgment
 *   or a decision upholding the denial), the date of its letter and its reference number,
 *   so a second-level appeal can cite the first. Rows are kept as recorded.
 * - claim_line_providers: the providers an 837 names for one service line (2420 loops:
 *   rendering, referring...), as claim_providers keeps the claim's. Claims imported
 *   before this migration have none.
 * - one record of who speaks for an estate: estate_representatives, where the estate
 *   letter already wrote, now also takes the executor named when a death is recorded, so
 *   the address may wait (a name alone is a representative whose address is not yet
 *   known). What the death form kept on the person (a name and a free-text address) moves
 *   there, the address split into its lines where it reads as "street / City, ST ZIP", and
 *   kept whole in the first line otherwise, for a representative to re-enter; the two
 *   columns on people are dropped, so nothing can write there again.
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

CREATE TABLE estate_representatives_new (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people (id),
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  -- the address as far as it is known: all of street, city, state and ZIP, or none
  line1 TEXT CHECK (line1 IS NULL OR length(trim(line1)) > 0),
  line2 TEXT,
  city TEXT,
  state TEXT,
  zip TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES users (id)
);
INSERT INTO estate_representatives_new
  SELECT id, person_id, name, line1, line2, city, state, zip, recorded_at, recorded_by
  FROM estate_representatives;
DROP TABLE estate_representatives;
ALTER TABLE estate_representatives_new RENAME TO estate_representatives;
CREATE INDEX estate_representatives_person ON estate_representatives (person_id, id);
-- as migration 29 left it: kept as recorded, but for de-identification's marker
CREATE TRIGGER estate_representatives_no_update BEFORE UPDATE ON estate_representatives
WHEN NEW.id IS NOT OLD.id OR NEW.person_id IS NOT OLD.person_id
  OR NEW.name <> '[removed]' OR NEW.line1 <> '[removed]'
  OR NOT EXISTS (SELECT 1 FROM deidentifications WHERE person_id = OLD.person_id)
BEGIN SELECT RAISE(ABORT, 'estate representatives are kept as recorded'); END;

-- the death form's estate contact, split into lines; the recording user and time are the
-- death's own history row where one is found
INSERT INTO estate_representatives (person_id, name, line1, line2, city, state, zip,
    recorded_at, recorded_by)
WITH legacy AS (
  SELECT p.id AS person_id,
    coalesce(nullif(trim(p.estate_contact_name), ''),
      'Personal Representative of the Estate of ' || p.first_name || ' ' || p.last_name) AS name,
    nullif(trim(replace(p.estate_address, char(13), '')), '') AS address,
    p.created_at AS created_at
  FROM people p
  WHERE nullif(trim(p.estate_contact_name), '') IS NOT NULL
     OR nullif(trim(p.estate_address), '') IS NOT NULL
), lines AS (
  SELECT *,
    CASE WHEN instr(address, char(10)) > 0
      THEN trim(substr(address, 1, instr(address, char(10)) - 1)) END AS first_line,
    CASE WHEN instr(address, char(10)) > 0
      THEN trim(substr(address, instr(address, char(10)) + 1)) END AS rest
  FROM legacy
), split AS (
  SELECT *,
    CASE WHEN instr(rest, char(10)) > 0
      THEN trim(substr(rest, 1, instr(rest, char(10)) - 1)) END AS middle_line,
    CASE WHEN instr(rest, char(10)) > 0
      THEN trim(substr(rest, instr(rest, char(10)) + 1)) ELSE rest END AS last_line
  FROM lines
), place AS (
  SELECT *,
    trim(substr(last_line, 1, instr(last_line, ',') - 1)) AS city,
    upper(trim(substr(trim(substr(last_line, instr(last_line, ',') + 1)), 1, 2))) AS state,
    trim(substr(trim(substr(last_line, instr(last_line, ',') + 1)), 3)) AS zip
  FROM split
), parsed AS (
  SELECT *,
    first_line IS NOT NULL AND first_line <> '' AND instr(last_line, ',') > 1
      AND instr(last_line, char(10)) = 0
      AND state GLOB '[A-Z][A-Z]'
      AND (zip GLOB '[0-9][0-9][0-9][0-9][0-9]' OR zip GLOB '[0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]')
      AS ok
  FROM place
)
SELECT person_id, name,
  CASE WHEN ok THEN first_line ELSE replace(address, char(10), ', ') END,
  CASE WHEN ok THEN nullif(middle_line, '') END,
  CASE WHEN ok THEN city END,
  CASE WHEN ok THEN state END,
  CASE WHEN ok THEN zip END,
  coalesce((SELECT act.occurred_at FROM activities act JOIN accounts a ON a.id = act.account_id
      WHERE person_id IN (a.patient_id, a.guarantor_id) AND act.body LIKE '%died on%'
      ORDER BY act.id DESC LIMIT 1), created_at),
  coalesce((SELECT act.user_id FROM activities act JOIN accounts a ON a.id = act.account_id
      WHERE person_id IN (a.patient_id, a.guarantor_id) AND act.body LIKE '%died on%'
      ORDER BY act.id DESC LIMIT 1), (SELECT min(id) FROM users))
FROM parsed;

ALTER TABLE people DROP COLUMN estate_contact_name;
ALTER TABLE people DROP COLUMN estate_address;
`;
