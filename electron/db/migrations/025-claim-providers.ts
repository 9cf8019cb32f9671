/**
 * Migration 25: the providers an 837 names for the claim as a whole (attending,
 * operating, rendering, referring), so an appeal can name them. Diagnoses are already
 * kept, principal first, in claims.diagnosis_codes (migration 4). Claims imported
 * before this migration, and claims made by hand, have no rows.
 */
export const migration025 = `
CREATE TABLE claim_providers (
  claim_id INTEGER NOT NULL REFERENCES claims (id),
  role TEXT NOT NULL CHECK (role IN ('attending', 'operating', 'rendering', 'referring')),
  -- as the claim file spelled it: "First Middle Last Suffix", or an organisation's name
  name TEXT NOT NULL,
  npi TEXT,
  PRIMARY KEY (claim_id, role)
);
`;
