/**
 * Migration 18, letters that state only what is true. A letter is signed by someone a payer can reach. Users get a job title and
 * a business email beside the telephone they already had; all three are optional, and a
 * letter whose signer has no direct line prints the business office's number, saying so.
 * A filed letter keeps the facts it printed (the filled letter as laid out, edits and
 * ticked arguments included), kept as written, so it can be reproduced exactly later
 * whatever has changed on the account since.
 */
export const migration018 = `
ALTER TABLE users ADD COLUMN title TEXT;
ALTER TABLE users ADD COLUMN email TEXT;
CREATE TABLE document_facts (
  document_id INTEGER PRIMARY KEY REFERENCES documents (id),
  -- JSON of the filled letter as it was laid out
  letter TEXT NOT NULL
);
CREATE TRIGGER document_facts_no_update BEFORE UPDATE ON document_facts
BEGIN SELECT RAISE(ABORT, 'a filed letter keeps the facts it printed'); END;
CREATE TRIGGER document_facts_no_delete BEFORE DELETE ON document_facts
BEGIN SELECT RAISE(ABORT, 'a filed letter keeps the facts it printed'); END;
`;
