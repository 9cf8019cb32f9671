/**
 * Migration 47: follow-ups and notes a desktop's own upkeep writes stay on that desktop.
 * The upkeep opens and closes plan, promise and credit balance follow-ups from the
 * ledger, and notes each; now that payments travel, every desktop's upkeep does so for
 * every payment, as it computes its own balances. Sending them made two desktops send the
 * same follow-up, and the second was refused. While `own` is on (the upkeep sets it, with
 * the capture off), what is inserted is named `own:<id>`: never sent, and a later change by
 * a person is not sent either, since the server never had the row.
 *
 * Since migration 57 its triggers exist only while a desktop is linked to an office,
 * from their one definition in electron/office/capture-triggers.ts.
 */
export const migration047 = `
ALTER TABLE office_link ADD COLUMN own INTEGER NOT NULL DEFAULT 0 CHECK (own IN (0, 1));

-- OR REPLACE: a refused row withdrawn may have left its id to be handed out again
CREATE TRIGGER office_own_follow_up AFTER INSERT ON follow_ups
WHEN (SELECT own FROM office_link) = 1
BEGIN
  INSERT OR REPLACE INTO sync_rows (tbl, local_id, gid) VALUES ('follow_ups', NEW.id, 'own:' || NEW.id);
END;

CREATE TRIGGER office_own_activity AFTER INSERT ON activities
WHEN (SELECT own FROM office_link) = 1
BEGIN
  INSERT OR REPLACE INTO sync_rows (tbl, local_id, gid) VALUES ('activities', NEW.id, 'own:' || NEW.id);
END;
`;
