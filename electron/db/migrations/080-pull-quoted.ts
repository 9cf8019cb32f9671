/**
 * Migration 80: a pull's texts blanked from late records (a refusal's note typed before the
 * de-identification of the person it names), by account, with the late write-offs' own lines
 * not found yet, are kept in the file from one page of the pull to the next rather than in
 * memory: the history line quoting one may come in the next page, and a desk closed between
 * the two pages went on at its next start with nothing to take out of that line, which kept
 * the note. They are forgotten once the pull has read its last page (office/pull-quoted.ts).
 * This desk's alone, never in the office's copy (link.ts).
 */
export const migration080 = `
CREATE TABLE sync_quoted (
  account_id INTEGER NOT NULL,
  -- a text blanked from a late record, or a late write-off's own line not found yet
  text TEXT,
  line TEXT CHECK (line IS NULL OR json_valid(line)),
  CHECK ((text IS NULL) <> (line IS NULL))
);
`;
