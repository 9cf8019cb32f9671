/**
 * Migration 26: the personal representative (executor, administrator or the estate's
 * attorney) of a deceased person, so a letter about their balance goes to the estate and
 * never to the deceased. Rows are kept as recorded; the newest one is the address in use.
 */
export const migration026 = `
CREATE TABLE estate_representatives (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people (id),
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  line1 TEXT NOT NULL CHECK (length(trim(line1)) > 0),
  line2 TEXT,
  city TEXT NOT NULL,
  state TEXT NOT NULL,
  zip TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES users (id)
);
CREATE INDEX estate_representatives_person ON estate_representatives (person_id, id);
CREATE TRIGGER estate_representatives_no_update BEFORE UPDATE ON estate_representatives
BEGIN SELECT RAISE(ABORT, 'estate representatives are kept as recorded'); END;
`;
