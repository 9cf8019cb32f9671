/**
 * Migration 54: what a supervisor decides about a user (allowing a new name, turning a
 * user off or on, the supervisor role, the name shown) and a user's own contact details
 * travel to the office, so a user turned off at one desktop is turned off at all of them.
 * Noted for the outbox only while the capture flag is on, as follow-ups are; a user is a
 * changeable row, named office-wide by sign-in name (electron/office/users.ts). A new name
 * inserted and then marked waiting in one transaction is noted once, as an insert; an
 * UPDATE that leaves every one of these columns as it was is not noted.
 *
 * Since migration 57 its capture triggers exist only while a desktop is linked to an office,
 * from their one definition in electron/office/capture-triggers.ts.
 */
export const migration054 = `
CREATE TRIGGER office_capture_user_insert AFTER INSERT ON users
WHEN (SELECT capture FROM office_link) = 1
BEGIN
  INSERT INTO outbox_pending (tbl, local_id, op)
    SELECT 'users', NEW.id, 'insert'
    WHERE NOT EXISTS (SELECT 1 FROM outbox_pending WHERE tbl = 'users' AND local_id = NEW.id);
END;

CREATE TRIGGER office_capture_user_update
AFTER UPDATE OF display_name, role, active, pending, title, email, phone ON users
WHEN (SELECT capture FROM office_link) = 1
  AND (NEW.display_name IS NOT OLD.display_name OR NEW.role IS NOT OLD.role
    OR NEW.active IS NOT OLD.active OR NEW.pending IS NOT OLD.pending
    OR NEW.title IS NOT OLD.title OR NEW.email IS NOT OLD.email OR NEW.phone IS NOT OLD.phone)
BEGIN
  INSERT INTO outbox_pending (tbl, local_id, op)
    SELECT 'users', NEW.id, 'update'
    WHERE NOT EXISTS (SELECT 1 FROM outbox_pending WHERE tbl = 'users' AND local_id = NEW.id);
END;
`;
