/**
 * Migration 23: dates of death with their source and estate contact, and returned mail.
 *
 * - people: where the date of death came from (obituary, family call, Social Security
 *   death index...), and who speaks for the estate and where its mail goes, so the estate
 *   letter has an addressee. The date itself was already a column.
 * - returned_mail: each envelope that came back, against the address it was sent to. An
 *   address with a returned envelope is bad; rows are only added.
 */
export const migration023 = `
ALTER TABLE people ADD COLUMN deceased_source TEXT;
ALTER TABLE people ADD COLUMN estate_contact_name TEXT;
ALTER TABLE people ADD COLUMN estate_address TEXT;

CREATE TABLE returned_mail (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people (id),
  address_id INTEGER REFERENCES addresses (id),
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  received_on TEXT NOT NULL,
  -- 'account' when recorded from the account, 'batch' from a scan of returned envelopes
  via TEXT NOT NULL CHECK (via IN ('account', 'batch')),
  recorded_at TEXT NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES users (id)
);
CREATE INDEX returned_mail_person ON returned_mail (person_id, address_id);
CREATE INDEX returned_mail_account ON returned_mail (account_id);
CREATE TRIGGER returned_mail_no_change BEFORE UPDATE ON returned_mail
BEGIN SELECT RAISE(ABORT, 'returned mail is kept as recorded'); END;
CREATE TRIGGER returned_mail_no_delete BEFORE DELETE ON returned_mail
BEGIN SELECT RAISE(ABORT, 'returned mail is kept as recorded'); END;
`;
