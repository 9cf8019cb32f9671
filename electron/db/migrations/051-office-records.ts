/**
 * Migration 51: the records a claim or spreadsheet import creates travel to the office.
 * Payers a claim file named, people (and the addresses of their history), accounts, coverages, claims and claim
 * lines inserted after a desktop joined are
 * noted for the outbox like notes (migration 32), and so is every charge not tied to a
 * receipt (a claim's line charges, a spreadsheet's opening balances, a charge's reversal),
 * only while the capture flag is on. Without them a note written on a new account stopped
 * every other desktop's pull, since no other copy had the account.
 *
 * Changes to these rows (a claim's status, a person's details, a replaced claim's lines)
 * did not travel yet (capture-triggers.ts notes them now): only inserts are noted. A desktop whose new account or claim the
 * office refuses (another desktop created the same number first) withdraws the rows with
 * the capture off; the tables have no append-only triggers to relax.
 *
 * Since migration 57 its capture triggers exist only while a desktop is linked to an office,
 * from their one definition in electron/office/capture-triggers.ts.
 */
const CAPTURING = `(SELECT capture FROM office_link) = 1`;

const capture = (tbl: string, when = '') => `
CREATE TRIGGER office_capture_${tbl} AFTER INSERT ON ${tbl}
WHEN ${when}${CAPTURING}
BEGIN
  INSERT INTO outbox_pending (tbl, local_id, op) VALUES ('${tbl}', new.id, 'insert');
END;
`;

export const migration051 = `
${capture('payers')}
${capture('people')}
${capture('addresses')}
${capture('accounts')}
${capture('coverages')}
${capture('claims')}
${capture('claim_lines')}
CREATE TRIGGER office_capture_charge AFTER INSERT ON ledger_entries
WHEN new.kind = 'charge' AND new.receipt_id IS NULL AND ${CAPTURING}
BEGIN
  INSERT INTO outbox_pending (tbl, local_id, op) VALUES ('ledger_entries', new.id, 'insert');
END;
`;
