/**
 * Migration 12: payers a supervisor maintains. The payer row had one appeal window, the
 * first level's; a reconsideration and an external review have windows of their own,
 * which stay empty (unknown) until someone sets them, as ClaimDesk never invents one.
 * updated_at / updated_by say whether anyone has looked at a payer since an 837 created
 * it with the default windows, and who last changed it.
 */
export const migration012 = `
ALTER TABLE payers ADD COLUMN second_appeal_window_days INTEGER
  CHECK (second_appeal_window_days IS NULL OR second_appeal_window_days > 0);
ALTER TABLE payers ADD COLUMN external_review_window_days INTEGER
  CHECK (external_review_window_days IS NULL OR external_review_window_days > 0);
ALTER TABLE payers ADD COLUMN updated_at TEXT;
ALTER TABLE payers ADD COLUMN updated_by INTEGER REFERENCES users (id);
CREATE INDEX payers_name ON payers (name COLLATE NOCASE);
`;
