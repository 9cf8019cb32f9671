/**
 * Server migration 10: what posting writes beside the ledger. The payer's adjustment codes
 * (CARC) and remark codes (RARC) an EOB or an 835 posted on a claim, the negated codes of a
 * reversed EOB, and the deposit batches receipts are posted into, each as a desktop created
 * it after joining. A receipt names its batch (`batch_gid`; a receipt sent before this
 * migration, or posted outside any batch, names none).
 *
 * Insert-only as receipts and the ledger are (migration 2): a trigger refuses UPDATE,
 * DELETE and TRUNCATE to everyone, and the desktops' role is granted INSERT and SELECT only.
 * Codes cannot conflict: two desktops' codes on one claim are two sets of rows. A batch is
 * named by the desktop that opened it, and closed once (`batch_closings`, with the expected
 * total it closed at): a second closing is refused, so is one that did not count a receipt
 * another desk posted into the batch, and so is a receipt posted into a batch the office has
 * closed. Its running totals are never here (each copy sums its receipts).
 */
const TABLES = ['claim_adjustments', 'claim_remarks', 'deposit_batches', 'batch_closings'] as const;

const insertOnly = (t: string) => `
CREATE TRIGGER ${t}_insert_only BEFORE UPDATE OR DELETE ON ${t}
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t}
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();`;

export const serverMigration010 = `
CREATE TABLE claim_adjustments (
  gid text PRIMARY KEY,
  claim_gid text NOT NULL,
  claim_line_gid text,
  group_code text NOT NULL,
  reason_code text NOT NULL,
  amount bigint NOT NULL,
  quantity double precision,
  remit_date text CHECK (remit_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
  receipt_gid text,
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);
CREATE INDEX claim_adjustments_claim ON claim_adjustments (claim_gid);

CREATE TABLE claim_remarks (
  gid text PRIMARY KEY,
  claim_gid text NOT NULL,
  claim_line_gid text,
  code text NOT NULL,
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);
CREATE INDEX claim_remarks_claim ON claim_remarks (claim_gid);

CREATE TABLE deposit_batches (
  gid text PRIMARY KEY,
  deposit_date text NOT NULL CHECK (deposit_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
  source text NOT NULL CHECK (source IN ('desk', 'mail', 'lockbox', 'insurer')),
  expected_total bigint NOT NULL CHECK (expected_total > 0),
  description text,
  created_at text NOT NULL,
  created_by text NOT NULL,
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);

-- a batch closes once office-wide, and only when the closing desk counted every receipt the
-- office has in it (office_total; receipts of the first copy are on every desk)
CREATE TABLE batch_closings (
  gid text PRIMARY KEY,
  batch_gid text NOT NULL CONSTRAINT batch_closings_once UNIQUE,
  expected_total bigint NOT NULL CHECK (expected_total > 0),
  office_total bigint NOT NULL,
  closed_at text NOT NULL,
  closed_by text NOT NULL,
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);

-- adding a column changes no row, so the insert-only trigger of migration 2 allows it
ALTER TABLE receipts ADD COLUMN batch_gid text;
CREATE INDEX receipts_batch ON receipts (batch_gid) WHERE batch_gid IS NOT NULL;
${TABLES.map(insertOnly).join('\n')}

REVOKE ALL ON ${TABLES.join(', ')} FROM PUBLIC;
GRANT SELECT, INSERT ON ${TABLES.join(', ')} TO claimdesk_desktop;
`;
