import { personTextsFunction, PURGED_TEXTS, wireRowFunction } from './023-purge-person-texts';

/**
 * Server migration 37: the purge of a de-identified person reaches the free texts of a request
 * waiting for approval. Since migration 35 a request travels, with what its asker typed (its
 * memo: "Write off per Eleanor Testwell's hardship call") and the supervisor's decision note;
 * `purge_person_texts` (migration 23) did not list them, so a request on a de-identified
 * patient's account named her on the server, in its change log and in the refusal answers
 * that quoted it.
 *
 * `purge_wire_row` and `purge_person_texts` are defined again with migration 23's columns and
 * the request's two (`PURGED_TEXTS_037`, the desks' `PERSON_TEXTS` by server column and wire
 * field, which purge-texts.test.ts keeps in step). A refund's reference is the check number
 * its receipt carries, a money row the purge leaves as it is, and stays. A refusal's reason
 * quotes the office's decision note ("… already refused by Dana Reyes (note) at another
 * desktop …"), so the reason of each refusal answered with a request on the accounts is
 * scrubbed too.
 *
 * A decided request is changed by no one (its `decided_once` trigger): it now lets the owner
 * through inside the purge, as the insert-only tables of migrations 17 and 23 do
 * (`refuse_change_but_purge`, which answers everyone else as before). The purge keeps a
 * request's version, which `one_version_on` lets it do; the supervisor rule lets the owner
 * through; a desk's login may still update only the decision of a waiting request.
 */
export const PURGED_TEXTS_037: Record<string, Record<string, string>> = {
  ...PURGED_TEXTS,
  adjustment_requests: { memo: 'memo', decision_note: 'decisionNote' },
};

export const REFUSALS_QUOTING_REQUESTS = `  UPDATE public.applied_entries
    SET reason = public.purge_scrub(reason, texts)
    WHERE reason <> public.purge_scrub(reason, texts)
      AND EXISTS (SELECT FROM jsonb_array_elements(server_rows) e
        WHERE e ->> 'tbl' = 'adjustment_requests' AND e -> 'row' ->> 'accountGid' = ANY (accts));
`;

/** Migration 23's definition made a redefinition: grants and ownership stay as they were. */
export const replaced = (sql: string) =>
  sql.replace('CREATE FUNCTION ', 'CREATE OR REPLACE FUNCTION ');

export const serverMigration037 = `
${replaced(wireRowFunction(PURGED_TEXTS_037))}
${replaced(personTextsFunction(PURGED_TEXTS_037, REFUSALS_QUOTING_REQUESTS))}
DROP TRIGGER adjustment_requests_decided_once ON adjustment_requests;
CREATE TRIGGER adjustment_requests_decided_once BEFORE UPDATE ON adjustment_requests
  FOR EACH ROW WHEN (OLD.status <> 'pending') EXECUTE FUNCTION refuse_change_but_purge();
`;
