/**
 * Server migration 6: what each applied entry held. A desktop numbers its entries itself,
 * and (desktop, seq) seen again means "sent again, answer as before". A desktop whose copy
 * was put back to an earlier state (a backup restored, a virtual machine rolled back)
 * numbers new work with numbers already used; without the digest its new entries would be
 * answered "accepted" and dropped unseen. A different digest under a seq already applied
 * is refused instead, every time, so that work stays on the desktop.
 */
export const serverMigration006 = `
ALTER TABLE applied_entries ADD COLUMN digest text;
`;
