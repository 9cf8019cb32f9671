/** Migration 5: documents filed on accounts and supervisors' template copies. */
export const migration005 = ``;
