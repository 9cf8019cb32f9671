/**
 * Migration 55: what posting writes beside the ledger travels to the office with it. The
 * payer's adjustment codes (CARC, `claim_adjustments`) and remark codes (RARC,
 * `claim_remarks`) an EOB or an 835 posts, and the negated codes a reversed EOB writes, are
 * noted for the outbox like the receipts they belong to (migration 52), only while the
 * capture flag is on; so is a deposit batch opened after joining, which the receipts posted
 * into it name. Until now another desktop showed the same ledger with a claim that had no
 * codes, and a receipt it pulled belonged to no batch.
 *
 * All three are only inserted. A batch closes once, and its closing travels too (with the
 * expected total it closed at, so a total corrected on Posting arrives with it); its running
 * totals are each copy's own sums of the receipts it holds, as balances are. A refused
 * posting is withdrawn with its codes (the codes are in its entry); the tables have no
 * append-only triggers to relax.
 */
const CAPTURING = `(SELECT capture FROM office_link) = 1`;

const capture = (tbl: string) => `
CREATE TRIGGER office_capture_${tbl} AFTER INSERT ON ${tbl}
WHEN ${CAPTURING}
BEGIN
  INSERT INTO outbox_pending (tbl, local_id, op) VALUES ('${tbl}', new.id, 'insert');
END;
`;

export const migration055 = `
${capture('claim_adjustments')}
${capture('claim_remarks')}
${capture('deposit_batches')}
-- a batch closes once; its closing travels under the batch's own local id
CREATE TRIGGER office_capture_batch_closing AFTER UPDATE OF status ON deposit_batches
WHEN old.status = 'open' AND new.status = 'closed' AND ${CAPTURING}
BEGIN
  INSERT INTO outbox_pending (tbl, local_id, op) VALUES ('batch_closings', new.id, 'insert');
END;
`;
