import { personTextsFunction, wireRowFunction } from './023-purge-person-texts';
import { PURGED_TEXTS_037, REFUSALS_QUOTING_REQUESTS, replaced } from './037-purge-request-texts';

/**
 * Server migration 38: the purge of a de-identified person reaches the memos of their
 * accounts' ledger rows and receipts. An approved write-off copies its request's memo into
 * the ledger row it posts ("Small balance write-off: Write off per Eleanor Testwell's hardship
 * call."), and a direct write-off's or a receipt's memo is typed as its poster pleases;
 * migration 37 scrubbed the request's memo but left the row it posted, in the table, in the
 * change log every desk joining later pulls, and in the refusal answers that quoted it.
 *
 * `purge_wire_row` and `purge_person_texts` are defined again with migration 37's columns and
 * the money rows' memo (`PURGED_TEXTS_038`, the desks' `SCRUBBED_TEXTS` by server column and
 * wire field, which purge-texts.test.ts keeps in step), migration 37's refusal reasons kept.
 * Only the memo: an amount, a date, a kind or a reference is money and stays as posted.
 *
 * Ledger rows and receipts are insert-only for everyone (migration 2). Their triggers now let
 * the owner through inside the purge, as migration 17's do for the notes, and then only an
 * update that leaves every column but the memo as it was (`refuse_change_but_memo_purge`):
 * not even the purge can move money. A desk's login still has no UPDATE grant on them, and a
 * DELETE or TRUNCATE is refused to everyone as before.
 */
export const PURGED_TEXTS_038: Record<string, Record<string, string>> = {
  ...PURGED_TEXTS_037,
  ledger_entries: { memo: 'memo' },
  receipts: { memo: 'memo' },
};

export const serverMigration038 = `
${replaced(wireRowFunction(PURGED_TEXTS_038))}
${replaced(personTextsFunction(PURGED_TEXTS_038, REFUSALS_QUOTING_REQUESTS))}
-- migration 2's insert-only rule, with the purge's one way through: the memo and nothing else
CREATE FUNCTION refuse_change_but_memo_purge() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_user = public.office_owner()
     AND current_setting('claimdesk.purging', true) = 'on'
     AND to_jsonb(NEW) - 'memo' = to_jsonb(OLD) - 'memo' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% rows are insert-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
${['ledger_entries', 'receipts']
  .map(
    (t) => `DROP TRIGGER ${t}_insert_only ON ${t};
CREATE TRIGGER ${t}_insert_only BEFORE UPDATE OR DELETE ON ${t}
  FOR EACH ROW EXECUTE FUNCTION refuse_change_but_memo_purge();`,
  )
  .join('\n')}
`;
