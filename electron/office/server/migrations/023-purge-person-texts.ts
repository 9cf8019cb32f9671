import { serverMigration017 } from './017-purge-person';

/**
 * Server migration 23: the purge of a de-identified person reaches the collection records'
 * free texts. Since migrations 18 to 20 a contact restriction's note and lifting reason, a
 * hold's note, a release's reason, a plan's ending reason, a promise's note and an
 * assistance application's decision note and missing items travel, as a move to bad debt's
 * undoing reason, a placement's recall reason and a collection action's note and reversal
 * reason did before; migration 17's `purge_person` reached none of them, so a note spelling
 * a de-identified patient's name stayed on the server, in its change log and in the refusal
 * answers that quoted the record.
 *
 * `purge_person_texts(accounts, texts)` takes `texts` out of those columns of the records on
 * the accounts (`PURGED_TEXTS`, by server column and wire field; the desks' scrub lists the
 * same columns, purge/scrub-records.ts, and purge-texts.test.ts keeps the two in step), in
 * the tables, in each row of the change log and in each row a refusal answered with, in
 * place: a record keeps its version, as a follow-up's rewritten reason does. Missing items
 * are a JSON array of texts: each is scrubbed and the array written as the desks write it.
 *
 * `purge_person` is redefined once to call it with the accounts and texts it has found,
 * before it turns the purge setting off. Its body is migration 17's own text with that one
 * line added (read from that migration, which stays as it ran, not copied by hand); a later
 * table whose texts the purge must reach needs only a new `purge_person_texts`.
 *
 * A release and a promise are insert-only for everyone: their triggers now let the owner
 * through inside the purge, as migration 17 did for the notes (`refuse_change_but_purge`).
 * The versioned records' one-version-on rule already lets the purge rewrite in place, and
 * their ended-once and supervisor rules watch only the columns the purge leaves alone (or
 * let the owner through). A restriction's attorney's name, phone and address are the
 * attorney's and are left as they are.
 */
export const PURGED_TEXTS: Record<string, Record<string, string>> = {
  contact_restrictions: { note: 'note', lift_reason: 'liftReason' },
  collection_holds: { note: 'note' },
  statement_hold_releases: { reason: 'reason' },
  payment_plans: { end_reason: 'endReason' },
  promises: { note: 'note' },
  assistance_applications: { decision_note: 'decisionNote', missing: 'missing' },
  bad_debt_moves: { undo_reason: 'undoReason' },
  agency_placements: { recall_reason: 'recallReason' },
  extraordinary_actions: { note: 'note', reversal_reason: 'reversalReason' },
};

/** The columns holding a JSON array of texts, as `table.column`. */
export const PURGED_LISTS = ['assistance_applications.missing'];

const isList = (tbl: string, column: string) => PURGED_LISTS.includes(`${tbl}.${column}`);

const tableUpdate = (tbl: string, columns: string[]) => {
  const scrubbed = (c: string) => `public.purge_text(${c}, ${isList(tbl, c)}, texts)`;
  return `  UPDATE public.${tbl}
    SET ${columns.map((c) => `${c} = ${scrubbed(c)}`).join(',\n      ')}
    WHERE account_gid = ANY (accts)
      AND (${columns.map((c) => `${c} IS DISTINCT FROM ${scrubbed(c)}`).join('\n        OR ')});`;
};

/** The tables of `texts`, as an SQL list. */
const tablesOf = (texts: Record<string, Record<string, string>>) =>
  Object.keys(texts)
    .map((t) => `'${t}'`)
    .join(', ');

/**
 * `purge_wire_row` over the columns of `texts` (server column to wire field): a later
 * migration whose table's texts the purge must reach defines it again with its own list.
 */
export const wireRowFunction = (
  texts: Record<string, Record<string, string>>,
) => `-- a record's row as it travels (the log's, a refusal's) with its free texts scrubbed
CREATE FUNCTION purge_wire_row(t text, r jsonb, texts text[]) RETURNS jsonb LANGUAGE sql
  IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT r || coalesce((SELECT jsonb_object_agg(f.field,
        to_jsonb(public.purge_text(r ->> f.field, f.list, texts)))
      FROM (VALUES ${Object.entries(texts)
        .flatMap(([tbl, fields]) =>
          Object.entries(fields).map(([c, f]) => `('${tbl}', '${f}', ${isList(tbl, c)})`),
        )
        .join(',\n        ')}
      ) AS f (tbl, field, list)
      WHERE f.tbl = t AND r ->> f.field IS NOT NULL), '{}'::jsonb)
$$;

`;

/**
 * `purge_person_texts` over the columns of `texts`, with `more` (statements of a later
 * migration) before its end.
 */
export function personTextsFunction(
  texts: Record<string, Record<string, string>>,
  more = '',
): string {
  const tables = tablesOf(texts);
  return `CREATE FUNCTION purge_person_texts(accts text[], texts text[]) RETURNS void LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
${Object.entries(texts)
  .map(([tbl, fields]) => tableUpdate(tbl, Object.keys(fields)))
  .join('\n')}
  UPDATE public.change_log SET row = public.purge_wire_row(tbl, row, texts)
    WHERE tbl IN (${tables}) AND row ->> 'accountGid' = ANY (accts)
      AND row <> public.purge_wire_row(tbl, row, texts);
  UPDATE public.applied_entries SET server_rows = (
      SELECT jsonb_agg(CASE
          WHEN e ->> 'tbl' IN (${tables}) AND e -> 'row' ->> 'accountGid' = ANY (accts)
            THEN jsonb_set(e, '{row}', public.purge_wire_row(e ->> 'tbl', e -> 'row', texts))
          ELSE e END ORDER BY i)
        FROM jsonb_array_elements(server_rows) WITH ORDINALITY AS s (e, i))
    WHERE EXISTS (SELECT FROM jsonb_array_elements(server_rows) e
      WHERE e ->> 'tbl' IN (${tables}) AND e -> 'row' ->> 'accountGid' = ANY (accts));
${more}END $$;

`;
}

/** Migration 17's `purge_person`, calling `purge_person_texts` before its setting goes off. */
function purgePersonCallingTexts(): string {
  const start = serverMigration017.indexOf('CREATE FUNCTION purge_person(');
  const end = serverMigration017.indexOf('\nEND $$;', start);
  const off = "  PERFORM set_config('claimdesk.purging', coalesce(was, ''), true);";
  const body = serverMigration017.slice(start, end + '\nEND $$;'.length);
  if (start < 0 || end < 0 || body.split(off).length !== 2) {
    throw new Error("server migration 23 no longer finds migration 17's purge_person");
  }
  return body
    .replace('CREATE FUNCTION purge_person(', 'CREATE OR REPLACE FUNCTION purge_person(')
    .replace(off, `  PERFORM public.purge_person_texts(accts, texts);\n${off}`);
}

export const serverMigration023 = `
-- a JSON array of texts with each scrubbed, written as the desks write it (no spaces, as
-- JSON.stringify does); any other text, or an array of something else, scrubbed whole
CREATE FUNCTION purge_text(s text, list boolean, texts text[]) RETURNS text LANGUAGE plpgsql
  IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  j jsonb;
BEGIN
  IF s IS NULL OR NOT list THEN RETURN public.purge_scrub(s, texts); END IF;
  BEGIN
    j := s::jsonb;
  EXCEPTION WHEN others THEN
    RETURN public.purge_scrub(s, texts);
  END;
  IF jsonb_typeof(j) <> 'array'
     OR EXISTS (SELECT FROM jsonb_array_elements(j) e WHERE jsonb_typeof(e) <> 'string') THEN
    RETURN public.purge_scrub(s, texts);
  END IF;
  IF NOT EXISTS (SELECT FROM jsonb_array_elements_text(j) e
                  WHERE public.purge_scrub(e, texts) <> e) THEN
    RETURN s;
  END IF;
  RETURN (SELECT array_to_json(array_agg(public.purge_scrub(e, texts) ORDER BY i))::text
            FROM jsonb_array_elements_text(j) WITH ORDINALITY AS x (e, i));
END $$;

${wireRowFunction(PURGED_TEXTS)}${personTextsFunction(PURGED_TEXTS)}REVOKE ALL ON FUNCTION purge_text(text, boolean, text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION purge_wire_row(text, jsonb, text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION purge_person_texts(text[], text[]) FROM PUBLIC;

${purgePersonCallingTexts()}

-- the insert-only records, with the purge's one way through (migration 17)
${['statement_hold_releases', 'promises']
  .map(
    (t) => `DROP TRIGGER ${t}_insert_only ON ${t};
CREATE TRIGGER ${t}_insert_only BEFORE UPDATE OR DELETE ON ${t}
  FOR EACH ROW EXECUTE FUNCTION refuse_change_but_purge();`,
  )
  .join('\n')}
`;
