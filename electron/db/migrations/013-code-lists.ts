/**
 * Migration 13: the published code lists a supervisor loads (claim adjustment reason codes
 * and remittance advice remark codes), each load kept with who loaded which list and when,
 * and the codes remittances carried that no list in effect holds, so the table can be
 * brought up to date. A loaded code takes precedence over the code ClaimDesk ships.
 */
export const migration013 = `
CREATE TABLE code_list_loads (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('reason', 'remark')),
  published TEXT NOT NULL CHECK (published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  code_count INTEGER NOT NULL CHECK (code_count > 0),
  added INTEGER NOT NULL,
  changed INTEGER NOT NULL,
  stopped INTEGER NOT NULL,
  loaded_at TEXT NOT NULL,
  loaded_by INTEGER NOT NULL REFERENCES users (id)
);
CREATE INDEX code_list_loads_kind ON code_list_loads (kind, published);
CREATE TRIGGER code_list_loads_kept BEFORE UPDATE ON code_list_loads
BEGIN SELECT RAISE(ABORT, 'code list loads are history and are not changed'); END;
CREATE TRIGGER code_list_loads_not_deleted BEFORE DELETE ON code_list_loads
BEGIN SELECT RAISE(ABORT, 'code list loads are history and are not deleted'); END;

CREATE TABLE code_list_entries (
  kind TEXT NOT NULL CHECK (kind IN ('reason', 'remark')),
  code TEXT NOT NULL CHECK (code <> ''),
  description TEXT NOT NULL CHECK (description <> ''),
  start_date TEXT,
  last_modified TEXT,
  stop_date TEXT,
  load_id INTEGER NOT NULL REFERENCES code_list_loads (id),
  PRIMARY KEY (kind, code)
);

CREATE TABLE unknown_codes_seen (
  kind TEXT NOT NULL CHECK (kind IN ('reason', 'remark')),
  code TEXT NOT NULL CHECK (code <> ''),
  first_seen_at TEXT NOT NULL,
  first_import_file_id INTEGER REFERENCES import_files (id),
  first_seen_in TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  times_seen INTEGER NOT NULL CHECK (times_seen > 0),
  PRIMARY KEY (kind, code)
);
`;
