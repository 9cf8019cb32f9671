/**
 * Migration 38: server rows a desktop could not take yet. A follow-up pulled from the
 * office can find its place (one open follow-up of a kind per account or claim) still
 * held here: by this desktop's own follow-up the server has not answered for, or by one
 * whose closing the office has but this desktop has not read yet (the change log may hand
 * the opening over in an earlier read than the closing). The cursor has moved past it, so
 * it is kept here and tried again at every later take until it fits or a newer version of
 * it arrives.
 */
export const migration038 = `
CREATE TABLE sync_held (
  tbl TEXT NOT NULL,
  gid TEXT NOT NULL,
  version INTEGER NOT NULL,
  row TEXT NOT NULL,
  PRIMARY KEY (tbl, gid)
);
`;
