/**
 * Server migration 11: payers, people, coverages and claims change after they are created
 * (a claim's status and dates, a person's details, a payer edited in Settings, a coverage
 * an import updates), each change from the version it started from, as follow-ups and users
 * do. Until now they were insert-only (migration 5). A row of the office's first copy is
 * not here until someone changes it: its first change brings it, at version 2, every copy
 * having it at 1 (apply.ts, records.ts). A record is still never deleted, and what names it
 * office-wide (its gid, the desktop that sent it first) never changes; the desktops' role
 * may now UPDATE these four tables, and only them.
 */
const TABLES = ['payers', 'people', 'coverages', 'claims'] as const;

const changeable = (t: string) => `
ALTER TABLE ${t} ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
DROP TRIGGER ${t}_insert_only ON ${t};
CREATE TRIGGER ${t}_never_deleted BEFORE DELETE ON ${t}
  FOR EACH ROW EXECUTE FUNCTION refuse_record_delete();
CREATE TRIGGER ${t}_named_once BEFORE UPDATE OF gid, desktop_id ON ${t}
  FOR EACH ROW WHEN (NEW.gid IS DISTINCT FROM OLD.gid OR NEW.desktop_id IS DISTINCT FROM OLD.desktop_id)
  EXECUTE FUNCTION refuse_record_delete();`;

export const serverMigration011 = `
CREATE FUNCTION refuse_record_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are never deleted or renamed; they change by version', TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
${TABLES.map(changeable).join('\n')}

GRANT UPDATE ON ${TABLES.join(', ')} TO claimdesk_desktop;
`;
