/**
 * Migration 80: at an office desk, a de-identification waits for the office's answer before
 * the desk scrubs its copy.
 *
 * The office refuses a de-identification whose person another desk changed first (returned
 * mail, a new address). The desk used to scrub its own copy at once and keep it so: its notes,
 * records' texts and money rows' memos stayed scrubbed while the office and the other desks
 * held them as typed, its filed files were gone, and its `deidentifications` row stood, so
 * the person could not be de-identified again from it. Now a linked desk writes the person's
 * row (the change it sends) and the de-identification, and keeps here what it needs to scrub
 * once the office has taken it: the texts that name the person (names, phone, address lines,
 * scans' names), read while her row still held them, and her row's details as they were, for
 * the one case the office sends back no row of her. Accepted, the desk scrubs with these
 * texts and the row goes; refused, the office's row of her is taken, and the de-identification
 * with this row goes, so she can be de-identified again (office/deidentify-waiting.ts). A
 * standalone desktop writes no row here and scrubs at once, as before.
 *
 * A de-identification stays kept as made (migration 29) but for one that waits here: only the
 * office's refusal removes it, and nothing was scrubbed for it yet. The table is this desk's
 * alone, never in the office's copy (link.ts).
 *
 * And a pull's texts blanked from late records (a refusal's note typed before the
 * de-identification), by account, with the late write-offs' own lines not found yet, are kept in the file from one page of the pull to the next
 * rather than in memory: the history line quoting one may come in the next page, and a desk
 * closed between the two pages went on at its next start with nothing to take out of that
 * line, which kept the note. They are forgotten once the pull has read its last page
 * (office/deidentified.ts, takePulledPage); this desk's alone too.
 */
export const migration080 = `
CREATE TABLE deidentifications_waiting (
  person_id INTEGER PRIMARY KEY
    REFERENCES deidentifications (person_id) ON DELETE CASCADE,
  -- her first, middle and last names, date of birth, phones and the source of her death
  person TEXT NOT NULL CHECK (json_valid(person)),
  -- what names her, longest first (purge/scrub.ts, personIdentifiers)
  texts TEXT NOT NULL CHECK (json_valid(texts))
);

CREATE TABLE sync_quoted (
  account_id INTEGER NOT NULL,
  -- a text blanked from a late record, or a late write-off's own line not found yet
  text TEXT,
  line TEXT CHECK (line IS NULL OR json_valid(line)),
  CHECK ((text IS NULL) <> (line IS NULL))
);

DROP TRIGGER deidentifications_no_delete;
CREATE TRIGGER deidentifications_no_delete BEFORE DELETE ON deidentifications
WHEN NOT EXISTS (SELECT 1 FROM deidentifications_waiting w WHERE w.person_id = OLD.person_id)
BEGIN SELECT RAISE(ABORT, 'de-identifications are kept as made'); END;
`;
