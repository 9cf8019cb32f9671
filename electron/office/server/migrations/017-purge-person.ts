/**
 * Server migration 17: a person de-identified at one desk is purged from the server too.
 * Until now the server kept what had named them as it was sent: their earlier versions in
 * the change log, their addresses, the notes on their accounts, their filed letters and
 * scans; a desk joining later downloaded all of it.
 *
 * `purge_person(person, accounts)` does it, in the caller's transaction (`applyEntry` calls
 * it in the one that applies the de-identifying change). It acts only on a person the
 * server's own row already says is de-identified and deceased, and only in the transaction
 * that wrote that row, so no desk can come back to a living patient's history with it later. It runs as the database's owner (SECURITY DEFINER,
 * its search path pinned as migration 12's checks are), the only way past the insert-only
 * triggers of the tables it rewrites: they let an UPDATE through when the current user is
 * the owner and `claimdesk.purging` is on, which this function turns on for its own run (a
 * desk's login may set the name, but it is not the owner, and it has no UPDATE grant on
 * those tables anyway; a follow-up it changes must still move one version on). The owner login itself could always turn a trigger
 * off; it is the supervisor's.
 *
 * The texts to look for are the server's own: every version of the person the change log
 * holds, their addresses and the names scans came in under. A person of the first copy
 * whose first change is their de-identification was never named on the server, so the
 * de-identifying desk also hands over its own scrubbed notes by gid, each taken only where
 * it can have come from the server's note by replacing parts of it with the marker. Their
 * accounts are those the server holds naming them; the first copy's accounts (`base:`) are
 * not on the server, so the caller names those it has, each taken only where the server
 * holds the de-identification's own history line on it (the request's notes go before its
 * changes). The server cannot tell whose a first-copy account is beyond that: a desk's login
 * that makes up a de-identified person and that line in one transaction can still have a
 * first-copy account's files marked removed (its notes only with a few words taken out).
 * An account the person only guarantees has their own texts taken out, its files kept: a
 * guarantor changes, a patient never does.
 *
 * What is rewritten: the addresses (to the marker, as the desk's scrub does), the notes'
 * texts and the follow-ups' reasons (in place: a reason's rewrite is not a new version), the
 * scans' names, each row's payloads in the change log, and the refusal answers in
 * `applied_entries` that quoted the person or a follow-up on their accounts. Filed
 * documents and scans of the accounts are marked removed, and a file's bytes are dropped
 * once no kept row names its hash (its fingerprint and size stay). Rows keep their places and positions in the log: a desk
 * that took them before keeps its own copy (scrubbed when it takes the de-identified row),
 * one that takes them after gets them scrubbed.
 */
/**
 * What a desk's login may change in a record after it is made: only the columns that change
 * (record-columns.ts' changingColumns) and its version. Migrations 11, 15 and 16 let it
 * UPDATE the whole row, so a desk could move a living patient's account to a person it made
 * itself, or renumber it, and then purge that person; what names a record (its number, its
 * patient, its claim, what a move or placement was) is now fixed for every desk as it is on
 * the desktops. Written out, not read from record-columns.ts, so this migration stays as it ran.
 */
export const CHANGING: Record<string, string> = {
  payers:
    'name, financial_class, claims_line1, claims_line2, claims_city, claims_state, ' +
    'claims_zip, appeals_line1, appeals_line2, appeals_city, appeals_state, appeals_zip, ' +
    'phone, fax, appeals_fax, timely_filing_days, appeal_window_days, ' +
    'second_appeal_window_days, external_review_window_days',
  people:
    'last_name, first_name, middle_name, date_of_birth, sex, phone, phone_digits, ' +
    'returned_mail, deceased_date, deceased_source',
  accounts:
    'guarantor_gid, guarantor_relationship, service_date, discharge_date, financial_class, ' +
    'status, facility_gid',
  coverages: 'payer_gid, priority, member_id, group_number, subscriber_gid',
  claims:
    'coverage_gid, payer_gid, payer_claim_number, billed_date, remit_date, status, ' +
    'total_charge, primary_claim_gid, claim_type, facility_code, frequency_code, ' +
    'diagnosis_codes, prior_authorization, referral_number, statement_from, statement_to, ' +
    'billing_provider_npi, fingerprint, voided_at',
  denials:
    'follow_up_gid, category, action, codes, amount, remit_date, deadline_date, state, ' +
    'appeal_level, resolution, updated_at, updated_by',
  bad_debt_moves: 'undone_at, undone_by, undo_reason, recovered',
  agency_placements: 'recalled_on, recalled_at, recalled_by, recall_reason',
  extraordinary_actions: 'reversed_on, reversed_at, reversed_by, reversal_reason',
};

const PURGED = ['addresses', 'activities', 'documents', 'correspondence', 'document_files'];

export const serverMigration017 = `
-- the insert-only rule of migration 1, with the purge's one way through
CREATE FUNCTION refuse_change_but_purge() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_user = public.office_owner()
     AND current_setting('claimdesk.purging', true) = 'on' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% rows are insert-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
${PURGED.map(
  (t) => `DROP TRIGGER ${t}_insert_only ON ${t};
CREATE TRIGGER ${t}_insert_only BEFORE UPDATE OR DELETE ON ${t}
  FOR EACH ROW EXECUTE FUNCTION refuse_change_but_purge();`,
).join('\n')}

-- migration 12's rule that a change moves a row one version on, with the purge's rewrite of
-- a follow-up's reason in place: the follow-up is not changed, only the name taken out of it
CREATE OR REPLACE FUNCTION one_version_on() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NEW.version = OLD.version AND current_user = public.office_owner()
     AND current_setting('claimdesk.purging', true) = 'on' THEN
    RETURN NEW;
  END IF;
  IF NEW.version IS DISTINCT FROM OLD.version + 1 THEN
    RAISE EXCEPTION '% % changes one version at a time (from %, not to %)',
      TG_TABLE_NAME, OLD.gid, OLD.version, NEW.version USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

-- a file's bytes go with the last row that named it; its fingerprint and size stay
ALTER TABLE document_files ALTER COLUMN bytes DROP NOT NULL;
ALTER TABLE document_files ADD COLUMN removed_at timestamptz;
ALTER TABLE document_files ADD CONSTRAINT document_files_kept_or_removed
  CHECK ((bytes IS NULL) = (removed_at IS NOT NULL));
ALTER TABLE documents ADD COLUMN removed_at timestamptz;
ALTER TABLE correspondence ADD COLUMN removed_at timestamptz;

-- only the purge removes: nothing arrives removed (a desk cannot hold a hash with no bytes)
CREATE FUNCTION arrives_whole() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NEW.removed_at IS NOT NULL THEN
    RAISE EXCEPTION '% rows arrive whole', TG_TABLE_NAME USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
${['document_files', 'documents', 'correspondence']
  .map(
    (t) => `CREATE TRIGGER ${t}_arrive_whole BEFORE INSERT ON ${t}
  FOR EACH ROW EXECUTE FUNCTION arrives_whole();`,
  )
  .join('\n')}

-- a text with every one of the texts replaced by the marker, longest first, where it stands
-- as words of its own, as the desks scrub (purge/scrub.ts): "Ann" goes, "Annual" stays
CREATE FUNCTION purge_scrub(s text, texts text[]) RETURNS text LANGUAGE plpgsql IMMUTABLE
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  t text;
BEGIN
  IF s IS NULL THEN RETURN NULL; END IF;
  FOREACH t IN ARRAY texts LOOP
    s := regexp_replace(s, '(?<![[:alnum:]])'
        || regexp_replace(t, '([.*+?^\${}()|\\[\\]\\\\])', '\\\\\\1', 'g')
        || '(?![[:alnum:]])', '[removed]', 'g');
  END LOOP;
  RETURN s;
END $$;

-- a pattern matching the texts a scrubbed text can come from: everything else must be as it
-- was, and each marker (or run of markers with only spaces and punctuation between) stands
-- for a short run of at most four words, as a name, a phone or an address line is, so a desk
-- can take names out of a note but never blank or rewrite it by handing over the marker alone
CREATE FUNCTION purge_pattern(scrubbed text) RETURNS text LANGUAGE sql IMMUTABLE
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT '^' || array_to_string(ARRAY(
      SELECT regexp_replace(part, '([^[:alnum:][:space:]])', '\\\\\\1', 'g')
        FROM unnest(string_to_array(regexp_replace(scrubbed,
          '\\[removed\\]([^[:alnum:]]*\\[removed\\])+', '[removed]', 'g'), '[removed]'))
          WITH ORDINALITY AS u (part, i) ORDER BY i),
    '[^[:space:]]+(?:[[:space:]]+[^[:space:]]+){0,3}') || '$'
$$;

CREATE FUNCTION purge_person(person text, named_accounts text[] DEFAULT '{}',
    scrubbed_notes jsonb DEFAULT '{}')
  RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  marker constant text := '[removed]';
  stamp constant text := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
  gone constant jsonb := jsonb_build_object('firstName', marker, 'lastName', marker,
    'middleName', null, 'dateOfBirth', null, 'phone', null, 'phoneDigits', null,
    'deceasedSource', null);
  was text := current_setting('claimdesk.purging', true);
  p record;
  accts text[];
  own text[];
  writer bigint;
  texts text[];
  notes integer;
BEGIN
  SELECT first_name, last_name, deceased_date, xmin INTO p FROM public.people
    WHERE gid = person FOR UPDATE;
  IF NOT FOUND OR p.first_name <> marker OR p.last_name <> marker OR p.deceased_date IS NULL THEN
    RAISE EXCEPTION 'only a deceased person the office has de-identified is purged'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- and only in the transaction that de-identified them: a row this call can see whose
  -- writer is still in progress was written by this transaction (or a savepoint of it), so a
  -- desk cannot come back later to a person de-identified long ago with accounts of its choosing
  writer := ((txid_current() >> 32) << 32) + p.xmin::text::bigint;
  IF writer > txid_current() AND writer >= 4294967296 THEN writer := writer - 4294967296; END IF;
  IF txid_status(writer) IS DISTINCT FROM 'in progress' THEN
    RAISE EXCEPTION 'a person is purged only as they are de-identified'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- on for this call only (a function's own SET clause would ask a superuser to make it); a
  -- failure rolls the setting back with everything else
  PERFORM set_config('claimdesk.purging', 'on', true);
  -- their own accounts: a patient's never changes (migration 17's grants below), a
  -- guarantor may, so an account they guarantee has only their own texts taken out
  own := ARRAY(
    SELECT gid FROM public.accounts WHERE patient_gid = person
    UNION SELECT a FROM unnest(named_accounts) a WHERE starts_with(a, 'base:')
      -- the de-identifying request's own line on the account, sent before its change
      AND EXISTS (SELECT FROM public.activities n WHERE n.account_gid = a AND n.kind = 'system'
        AND starts_with(n.body, 'De-identified after the retention period:')));
  accts := own || ARRAY(SELECT gid FROM public.accounts WHERE guarantor_gid = person);
  texts := ARRAY(
    SELECT x FROM (SELECT DISTINCT x FROM (
        SELECT (l.row->>'firstName') || ' ' || (l.row->>'lastName') AS x
          FROM public.change_log l WHERE l.tbl = 'people' AND l.gid = person
        UNION ALL SELECT (l.row->>'lastName') || ', ' || (l.row->>'firstName')
          FROM public.change_log l WHERE l.tbl = 'people' AND l.gid = person
        UNION ALL SELECT (l.row->>'firstName') || ' ' || (l.row->>'middleName') || ' '
            || (l.row->>'lastName')
          FROM public.change_log l WHERE l.tbl = 'people' AND l.gid = person
        UNION ALL SELECT l.row->>'phone'
          FROM public.change_log l WHERE l.tbl = 'people' AND l.gid = person
        -- a name on its own too, as the desks take it out
        UNION ALL SELECT unnest(ARRAY[l.row->>'firstName', l.row->>'middleName',
            l.row->>'lastName'])
          FROM public.change_log l WHERE l.tbl = 'people' AND l.gid = person
        UNION ALL SELECT line1 FROM public.addresses WHERE person_gid = person
        UNION ALL SELECT line2 FROM public.addresses WHERE person_gid = person
        UNION ALL SELECT original_name FROM public.correspondence WHERE account_gid = ANY (accts)
      ) named WHERE x IS NOT NULL AND length(btrim(x)) >= 2 AND position(marker IN x) = 0
    ) found ORDER BY length(x) DESC, x);

  UPDATE public.addresses SET line1 = marker, line2 = NULL, city = marker, zip = marker
    WHERE person_gid = person;
  UPDATE public.change_log SET row = row || jsonb_build_object('line1', marker, 'line2', null,
      'city', marker, 'zip', marker)
    WHERE tbl = 'addresses' AND row->>'personGid' = person;
  UPDATE public.change_log SET row = row || gone WHERE tbl = 'people' AND gid = person;
  -- a refusal answers with the office's rows: the person's, or a follow-up on their account
  UPDATE public.applied_entries SET server_rows = (
      SELECT jsonb_agg(CASE
          WHEN e->>'tbl' = 'people' AND e->>'gid' = person
            THEN jsonb_set(e, '{row}', (e->'row') || gone)
          WHEN e->>'tbl' = 'follow_ups' AND e->'row'->>'accountGid' = ANY (accts)
              AND e->'row'->>'reason' IS NOT NULL
            THEN jsonb_set(e, '{row,reason}',
              to_jsonb(public.purge_scrub(e->'row'->>'reason', texts)))
          ELSE e END ORDER BY i)
        FROM jsonb_array_elements(server_rows) WITH ORDINALITY AS s(e, i))
    WHERE server_rows @> jsonb_build_array(jsonb_build_object('tbl', 'people', 'gid', person))
      OR EXISTS (SELECT FROM jsonb_array_elements(server_rows) e
        WHERE e->>'tbl' = 'follow_ups' AND e->'row'->>'accountGid' = ANY (accts));

  -- the desk's own scrub of a note is taken only where it can have come from the note by
  -- replacing parts of it with the marker: it can take names out, never put words in
  UPDATE public.activities a SET body = s.body
    FROM jsonb_each_text(scrubbed_notes) s (gid, body)
    WHERE a.gid = s.gid AND a.account_gid = ANY (own) AND a.body <> s.body
      AND a.body ~ public.purge_pattern(s.body);
  UPDATE public.activities SET body = public.purge_scrub(body, texts)
    WHERE account_gid = ANY (accts) AND body <> public.purge_scrub(body, texts);
  UPDATE public.follow_ups SET reason = public.purge_scrub(reason, texts)
    WHERE account_gid = ANY (accts) AND reason <> public.purge_scrub(reason, texts);
  UPDATE public.change_log
    SET row = jsonb_set(row, '{reason}', to_jsonb(public.purge_scrub(row->>'reason', texts)))
    WHERE tbl = 'follow_ups' AND row->>'accountGid' = ANY (accts)
      AND row->>'reason' <> public.purge_scrub(row->>'reason', texts);
  -- the log's copy of each note as the table now has it
  UPDATE public.change_log l SET row = jsonb_set(l.row, '{body}', to_jsonb(a.body))
    FROM public.activities a
    WHERE l.tbl = 'activities' AND l.gid = a.gid AND a.account_gid = ANY (accts)
      AND l.row->>'body' <> a.body;
  GET DIAGNOSTICS notes = ROW_COUNT;

  UPDATE public.documents SET removed_at = now()
    WHERE account_gid = ANY (own) AND removed_at IS NULL;
  UPDATE public.correspondence SET original_name = marker, removed_at = now()
    WHERE account_gid = ANY (own) AND removed_at IS NULL;
  UPDATE public.change_log SET row = row || jsonb_build_object('removedAt', stamp)
    WHERE tbl = 'documents' AND row->>'accountGid' = ANY (own) AND NOT row ? 'removedAt';
  UPDATE public.change_log
    SET row = row || jsonb_build_object('originalName', marker, 'removedAt', stamp)
    WHERE tbl = 'correspondence' AND row->>'accountGid' = ANY (own) AND NOT row ? 'removedAt';
  UPDATE public.document_files f SET bytes = NULL, removed_at = now()
    WHERE f.bytes IS NOT NULL
      AND f.sha256 IN (SELECT sha256 FROM public.documents WHERE account_gid = ANY (own)
        UNION SELECT sha256 FROM public.correspondence WHERE account_gid = ANY (own))
      AND NOT EXISTS (SELECT FROM public.documents d
        WHERE d.sha256 = f.sha256 AND d.removed_at IS NULL)
      AND NOT EXISTS (SELECT FROM public.correspondence c
        WHERE c.sha256 = f.sha256 AND c.removed_at IS NULL);
  PERFORM set_config('claimdesk.purging', coalesce(was, ''), true);
  RETURN notes;
END $$;

REVOKE ALL ON FUNCTION purge_scrub(text, text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION purge_pattern(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION purge_person(text, text[], jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION purge_person(text, text[], jsonb) TO claimdesk_desktop;
${Object.entries(CHANGING)
  .map(
    ([t, cols]) => `REVOKE UPDATE ON ${t} FROM claimdesk_desktop;
GRANT UPDATE (${cols}, version) ON ${t} TO claimdesk_desktop;`,
  )
  .join('\n')}
`;
