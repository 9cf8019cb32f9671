/**
 * Server migration 7: which desktop posted each 835 payment (payer and trace number). A
 * desktop refuses a file it imported before, but not one another desktop imported; now that
 * insurance payments travel, the same 835 imported at two desks would pay twice office-wide.
 * The first desktop to send a receipt from a payment holds it; another's are refused.
 */
export const serverMigration007 = `
CREATE TABLE remittances_posted (
  payer_identifier text NOT NULL,
  trace_number text NOT NULL,
  desktop_id uuid NOT NULL REFERENCES desktops (id),
  posted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (payer_identifier, trace_number)
);
CREATE TRIGGER remittances_posted_insert_only BEFORE UPDATE OR DELETE ON remittances_posted
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
REVOKE ALL ON remittances_posted FROM PUBLIC;
GRANT SELECT, INSERT ON remittances_posted TO claimdesk_desktop;
`;
