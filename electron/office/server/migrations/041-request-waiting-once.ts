/**
 * Server migration 41: one request of a kind waits on an account at a time, office-wide, as
 * each desk already holds it (a second write-off or refund of an account, or a second reversal
 * of one entry or payment, is refused while the first waits: "decide that one first"). A desk
 * refused a second only once the first had reached it, so two representatives at two desks
 * asking at once both waited, and a supervisor could approve both: two write-offs of one
 * balance.
 *
 * A unique index over what waits: the first desk to commit its request wins, and the other's
 * insert waits on the index entry and is refused, its request and history line withdrawn at
 * its desk and listed (records.ts, `adjustment_requests_waiting_once`). Decided, a request
 * leaves the index, so the next may be asked.
 *
 * Requests already waiting twice when the migration runs stay as they were, both for a
 * supervisor to decide (choosing one would be deciding for them): the index leaves out all but
 * the first filed of each such pair by name, a list fixed in the index when it is made.
 */
export const serverMigration041 = `
DO $$
DECLARE
  twice text[];
BEGIN
  SELECT coalesce(array_agg(gid), '{}') INTO twice FROM (
    SELECT gid, row_number() OVER (
        PARTITION BY account_gid, kind, coalesce(target_entry_gid, ''),
          coalesce(target_receipt_gid, '')
        ORDER BY requested_at, gid) AS n
      FROM adjustment_requests WHERE status = 'pending') waiting
    WHERE n > 1;
  EXECUTE format(
    'CREATE UNIQUE INDEX adjustment_requests_waiting_once ON adjustment_requests
       (account_gid, kind, coalesce(target_entry_gid, %L), coalesce(target_receipt_gid, %L))
       WHERE status = %L AND gid <> ALL (%L::text[])',
    '', '', 'pending', twice);
END $$;
`;
