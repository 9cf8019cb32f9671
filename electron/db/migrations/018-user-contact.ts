/**
 * Migration 18: a letter is signed by someone a payer can reach. Users get a job title and
 * a business email beside the telephone they already had; all three are optional, and a
 * letter whose signer has no direct line prints the business office's number, saying so.
 */
export const migration018 = `
ALTER TABLE users ADD COLUMN title TEXT;
ALTER TABLE users ADD COLUMN email TEXT;
`;
