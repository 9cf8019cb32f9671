/**
 * Migration 6: saved column mappings for account / balance spreadsheet imports. The
 * imports themselves are filed in import_files (kind 'csv') like every other file.
 */
export const migration006 = `
-- A named mapping from ClaimDesk fields to a spreadsheet's column headers, so next month's
-- export from the same system is mapped with one choice. columns is JSON:
-- {"accountNumber": "Acct #", "serviceDate": "DOS", ...}. Mappings are settings, not
-- business records: a supervisor may replace or delete one.
CREATE TABLE csv_mappings (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  columns TEXT NOT NULL CHECK (json_valid(columns) AND json_type(columns) = 'object'),
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users (id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users (id)
);
`;
