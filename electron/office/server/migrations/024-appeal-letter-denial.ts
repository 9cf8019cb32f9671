/**
 * Server migration 24: an appeal letter names the denial it answers, by the denial's
 * office-wide id (`documents.denial_gid`), so every desk shows the letter on its denial and
 * counts it in its appeals report. Until now the link stayed on the filing desk.
 *
 * Nullable, and no foreign key, as `claim_gid` has none: most documents answer no denial, a
 * first-copy denial (`base:`) is on the server only once it changes, and a letter whose
 * denial is one desk's own (`own:`, which the office has no row of) travels with no link
 * (the desk sends none) rather than being refused or kept back; the server keeps a link only
 * to a denial it has or a first-copy one (`withKnownDenial`, server/documents.ts).
 * Documents stay insert-only (migration 8's triggers, and no UPDATE grant to the desks): the
 * link is set once, when the letter is filed. Rows sent before this migration, by a desk of
 * an older version, have none, and their log rows carry no `denialGid`.
 */
export const serverMigration024 = `
ALTER TABLE documents ADD COLUMN denial_gid text;
`;
