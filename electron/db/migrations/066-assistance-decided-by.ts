/**
 * Migration 66: a financial-assistance decision keeps who made it. Only a supervisor decides
 * an application, and in an office the server judges the decision by that name (server
 * migration 21), as it judges a move to bad debt by its approver. Decisions made before keep
 * none; they are not sent again.
 */
export const migration066 = `
ALTER TABLE assistance_applications ADD COLUMN decided_by INTEGER REFERENCES users (id);
`;
