/**
 * Migration 4: claims as X12 837 claim files describe them. Claims made by hand or by
 * earlier versions keep NULL in every new column.
 */
export const migration004 = `
-- What the 837 said about the claim. facility_code is CLM05-1: the facility type code (the
-- first two digits of the bill type) on an institutional claim, the place of service on a
-- professional one. diagnosis_codes are the ICD codes as sent, principal first, separated
-- by spaces. statement_from/statement_to are the institutional statement period (DTP*434).
ALTER TABLE claims ADD COLUMN claim_type TEXT CHECK (claim_type IN ('institutional', 'professional'));
ALTER TABLE claims ADD COLUMN facility_code TEXT;
ALTER TABLE claims ADD COLUMN frequency_code TEXT;
ALTER TABLE claims ADD COLUMN diagnosis_codes TEXT;
ALTER TABLE claims ADD COLUMN prior_authorization TEXT;
ALTER TABLE claims ADD COLUMN referral_number TEXT;
ALTER TABLE claims ADD COLUMN statement_from TEXT;
ALTER TABLE claims ADD COLUMN statement_to TEXT;
ALTER TABLE claims ADD COLUMN billing_provider_npi TEXT;
-- A hash of the claim's content as last imported: the same claim imported again is
-- recognised and changes nothing.
ALTER TABLE claims ADD COLUMN fingerprint TEXT;
-- The claim file that last added, replaced or voided the claim.
ALTER TABLE claims ADD COLUMN import_file_id INTEGER REFERENCES import_files (id);
-- When a void (frequency 8) took the claim back; its status is then 'voided'.
ALTER TABLE claims ADD COLUMN voided_at TEXT;
CREATE INDEX claims_import_file ON claims (import_file_id) WHERE import_file_id IS NOT NULL;

-- A replacement claim (frequency 7) with fewer lines than the claim it replaces leaves the
-- extra lines in place, because ledger rows name them: their charges are reversed, their
-- charge becomes 0 and removed_at says when.
ALTER TABLE claim_lines ADD COLUMN removed_at TEXT;
`;
