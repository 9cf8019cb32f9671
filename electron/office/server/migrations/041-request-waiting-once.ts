/**
 * Server migration 41: one request of a kind waits on an account at a time, office-wide, as
 * each desk already holds it (a second write-off or refund of an account, or a second reversal
 * of one entry or payment, is refused while the first waits: "decide that one first"). A desk
 * refused a second only once the first had reached it, so two representatives at two desks
 * asking at once both waited, and a supervisor could approve both: two write-offs of one
 * balance.
 *
 * A trigger after each new request: while another of its kind waits (the same account, and the
 * same entry or payment for a reversal), it is refused as a unique key would refuse it, its
 * request and history line withdrawn at its desk and listed (records.ts,
 * `adjustment_requests_waiting_once`). Two desks filing at once are taken one after the other,
 * by a lock on what they ask for held to the end of the transaction, so the second sees the
 * first. Decided, a request no longer holds the account, so the next may be asked.
 *
 * Not a unique index: requests already waiting twice when the migration runs both stay, for a
 * supervisor to decide (choosing one would be deciding for them), and a request arriving while
 * either of them still waits is refused like any other.
 */
export const serverMigration041 = `
CREATE FUNCTION request_waiting_once() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NEW.status <> 'pending' THEN RETURN NULL; END IF;
  PERFORM pg_advisory_xact_lock(hashtext('adjustment_requests_waiting_once'),
    hashtext(concat_ws('|', NEW.account_gid, NEW.kind, NEW.target_entry_gid,
      NEW.target_receipt_gid)));
  IF EXISTS (SELECT FROM public.adjustment_requests r
      WHERE r.status = 'pending' AND r.gid <> NEW.gid AND r.account_gid = NEW.account_gid
        AND r.kind = NEW.kind
        AND r.target_entry_gid IS NOT DISTINCT FROM NEW.target_entry_gid
        AND r.target_receipt_gid IS NOT DISTINCT FROM NEW.target_receipt_gid) THEN
    RAISE EXCEPTION 'a request of this kind already waits on the account'
      USING ERRCODE = 'unique_violation', CONSTRAINT = 'adjustment_requests_waiting_once';
  END IF;
  RETURN NULL;
END $$;

-- after the row is in: a desk's login writing another desk's request is refused by the row's
-- policies first, as before; the row itself is then seen by the check and passed over
CREATE TRIGGER adjustment_requests_waiting_once AFTER INSERT ON adjustment_requests
  FOR EACH ROW EXECUTE FUNCTION request_waiting_once();
`;
