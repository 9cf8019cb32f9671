/**
 * Migration 74: the claims and lines whose providers this linked copy cannot vouch for, now
 * that a claim's and a line's providers travel inside their rows (see the office design, "A
 * claim's providers").
 *
 * Before this version they stayed on the desk that imported the claim file: a claim pulled
 * from another desk came here with none. Sent as they are here, with the claim's next change,
 * such a claim's empty list would be the office's, and the importing desk would take it over
 * the physicians its file named. So a claim or line that came from another desk, and one of
 * the first copy that a desk has changed since (a replacement imported elsewhere may have
 * named others), is noted here: its changes travel without providers, and the office's stay
 * as they are, until this desk imports a claim file carrying the claim or takes the office's
 * providers of it. This desk's own claims, and the first copy's nobody changed, it knows.
 * Standalone (no link), nothing is noted; the table is emptied when a desk leaves its office.
 */
export const unknownProvidersAtUpgrade = `
INSERT OR IGNORE INTO office_providers_unknown (tbl, local_id)
  SELECT s.tbl, s.local_id FROM sync_rows s, office_link l
   WHERE s.tbl IN ('claims', 'claim_lines')
     AND s.gid NOT LIKE l.desktop_id || ':%'
     AND s.gid NOT LIKE 'own:%'
     AND (s.gid NOT LIKE 'base:%' OR s.version > 1);
`;

export const migration074 = `
CREATE TABLE office_providers_unknown (
  tbl TEXT NOT NULL CHECK (tbl IN ('claims', 'claim_lines')),
  local_id INTEGER NOT NULL,
  PRIMARY KEY (tbl, local_id)
) WITHOUT ROWID;
${unknownProvidersAtUpgrade}`;
