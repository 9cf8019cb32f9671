/**
 * Migration 52: the whole ledger travels to the office. Until now only a patient's payment
 * (migration 44) and the charges of records created after joining (migration 51) were
 * noted for the outbox; an adjustment, a transfer, a write-off, a refund, an insurance
 * payment or a reversal of any of them stayed on the desktop that posted it, so two copies'
 * balances of one account drifted apart. Now every receipt and every ledger row is noted,
 * only while the capture flag is on. The three narrower triggers are replaced by two, so a
 * row is noted once whatever it is.
 *
 * A refused reversal is withdrawn with the capture off (withdraw.ts). Rows only this desk
 * keeps may name what is withdrawn: the record of a returned check (withdrawn with it),
 * an agency's reported payment and a PLB's facility row (detached: they keep what the
 * payer or agency reported, without the posting). Their append-only triggers allow that
 * only with the capture off, as the ledger's do.
 *
 * Since migration 57 its capture triggers exist only while a desktop is linked to an office,
 * from their one definition in electron/office/capture-triggers.ts.
 */
const CAPTURING = `(SELECT capture FROM office_link) = 1`;
const KEPT = `(SELECT capture FROM office_link) IS NOT 0`;

export const migration052 = `
DROP TRIGGER office_capture_receipt;
DROP TRIGGER office_capture_ledger_entry;
DROP TRIGGER office_capture_charge;

CREATE TRIGGER office_capture_receipt AFTER INSERT ON receipts
WHEN ${CAPTURING}
BEGIN
  INSERT INTO outbox_pending (tbl, local_id, op) VALUES ('receipts', new.id, 'insert');
END;

CREATE TRIGGER office_capture_ledger_entry AFTER INSERT ON ledger_entries
WHEN ${CAPTURING}
BEGIN
  INSERT INTO outbox_pending (tbl, local_id, op) VALUES ('ledger_entries', new.id, 'insert');
END;

DROP TRIGGER returned_checks_no_delete;
CREATE TRIGGER returned_checks_no_delete BEFORE DELETE ON returned_checks
WHEN ${KEPT}
BEGIN SELECT RAISE(ABORT, 'returned checks are kept as recorded'); END;

DROP TRIGGER agency_payments_no_update;
CREATE TRIGGER agency_payments_no_update BEFORE UPDATE ON agency_payments
WHEN ${KEPT}
BEGIN SELECT RAISE(ABORT, 'agency payments are kept as posted'); END;

DROP TRIGGER facility_ledger_no_update;
CREATE TRIGGER facility_ledger_no_update BEFORE UPDATE ON facility_ledger
WHEN ${KEPT}
BEGIN SELECT RAISE(ABORT, 'the facility ledger is append-only; post a reversing entry'); END;
`;
