/**
 * Server migration 5: the records an import creates at a desktop after it joined: payers,
 * people and their addresses, accounts, coverages, claims and claim lines (a claim's charges are ledger rows, migration
 * 2). Insert-only here as receipts and the ledger are: a trigger refuses UPDATE, DELETE and
 * TRUNCATE to everyone, and the desktops' role is granted INSERT and SELECT only. Changes
 * to these rows (a claim's status, a person's details) did not travel yet: migration 11 lets
 * payers, people, coverages and claims change by version.
 *
 * The unique keys decide between two desktops creating the same record on their own: the
 * same payer code, the same account number, the same claim number, a second coverage at one priority of an
 * account, a second line of one number on a claim. The second to commit waits on the
 * first's index entry and is refused; its desktop withdraws its rows and lists the action.
 * The rows of the copy the office started from are not here, but every desktop has them,
 * so a desktop cannot create a number one of them already holds.
 */
const TABLES = [
  'payers',
  'people',
  'addresses',
  'accounts',
  'coverages',
  'claims',
  'claim_lines',
] as const;

const insertOnly = (t: string) => `
CREATE TRIGGER ${t}_insert_only BEFORE UPDATE OR DELETE ON ${t}
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t}
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();`;

export const serverMigration005 = `
CREATE TABLE payers (
  gid text PRIMARY KEY,
  name text NOT NULL,
  payer_code text NOT NULL CONSTRAINT payers_code_once UNIQUE,
  financial_class text NOT NULL,
  claims_line1 text, claims_line2 text, claims_city text, claims_state text, claims_zip text,
  appeals_line1 text, appeals_line2 text, appeals_city text, appeals_state text,
  appeals_zip text,
  phone text,
  fax text,
  appeals_fax text,
  timely_filing_days integer NOT NULL CHECK (timely_filing_days > 0),
  appeal_window_days integer NOT NULL CHECK (appeal_window_days > 0),
  second_appeal_window_days integer,
  external_review_window_days integer,
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);

CREATE TABLE people (
  gid text PRIMARY KEY,
  last_name text NOT NULL,
  first_name text NOT NULL,
  middle_name text,
  date_of_birth text,
  sex text,
  phone text,
  phone_digits text,
  returned_mail integer NOT NULL,
  deceased_date text,
  deceased_source text,
  created_at text NOT NULL,
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);

-- a person's address history, added to only
CREATE TABLE addresses (
  gid text PRIMARY KEY,
  person_gid text NOT NULL,
  line1 text NOT NULL,
  line2 text,
  city text NOT NULL,
  state text NOT NULL,
  zip text NOT NULL,
  effective_date text NOT NULL,
  reason text,
  recorded_at text NOT NULL,
  recorded_by text NOT NULL,
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);
CREATE INDEX addresses_person ON addresses (person_gid);

CREATE TABLE accounts (
  gid text PRIMARY KEY,
  account_number text NOT NULL CONSTRAINT accounts_number_once UNIQUE,
  patient_gid text NOT NULL,
  guarantor_gid text NOT NULL,
  guarantor_relationship text NOT NULL,
  service_date text NOT NULL,
  discharge_date text,
  financial_class text NOT NULL,
  status text NOT NULL,
  created_at text NOT NULL,
  facility_gid text NOT NULL,
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);

CREATE TABLE coverages (
  gid text PRIMARY KEY,
  account_gid text NOT NULL,
  payer_gid text NOT NULL,
  priority integer NOT NULL CHECK (priority BETWEEN 1 AND 9),
  member_id text NOT NULL,
  group_number text,
  subscriber_gid text,
  desktop_id uuid NOT NULL REFERENCES desktops (id),
  CONSTRAINT coverages_priority_once UNIQUE (account_gid, priority)
);

CREATE TABLE claims (
  gid text PRIMARY KEY,
  claim_number text NOT NULL CONSTRAINT claims_number_once UNIQUE,
  account_gid text NOT NULL,
  coverage_gid text,
  payer_gid text NOT NULL,
  payer_claim_number text,
  billed_date text,
  remit_date text,
  status text NOT NULL,
  total_charge bigint NOT NULL CHECK (total_charge >= 0),
  created_at text NOT NULL,
  primary_claim_gid text,
  claim_type text,
  facility_code text,
  frequency_code text,
  diagnosis_codes text,
  prior_authorization text,
  referral_number text,
  statement_from text,
  statement_to text,
  billing_provider_npi text,
  fingerprint text,
  voided_at text,
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);
CREATE INDEX claims_account ON claims (account_gid);

CREATE TABLE claim_lines (
  gid text PRIMARY KEY,
  claim_gid text NOT NULL,
  line_number integer NOT NULL CHECK (line_number > 0),
  service_date text NOT NULL,
  revenue_code text,
  procedure_code text,
  modifiers text,
  units double precision NOT NULL CHECK (units > 0),
  charge bigint NOT NULL CHECK (charge >= 0),
  removed_at text,
  desktop_id uuid NOT NULL REFERENCES desktops (id),
  CONSTRAINT claim_lines_number_once UNIQUE (claim_gid, line_number)
);
${TABLES.map(insertOnly).join('\n')}

REVOKE ALL ON ${TABLES.join(', ')} FROM PUBLIC;
GRANT SELECT, INSERT ON ${TABLES.join(', ')} TO claimdesk_desktop;
`;
