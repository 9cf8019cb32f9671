/** Migration 6: saved column mappings for account / balance spreadsheet imports. */
export const migration006 = ``;
