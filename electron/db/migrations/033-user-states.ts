/**
 * Migration 33: users' states in the audit trail. Each change ClaimDesk makes to who may
 * do what is also an entry of the trail (method 'user state'), and every opening compares
 * the users table with the last of those per user. The trail gains a row for every view, so
 * the index holds only those entries: the others cost it nothing, and the opening's read
 * stays a few rows long however long the trail grows.
 */
export const migration033 = `
CREATE INDEX audit_log_user_states ON audit_log (id) WHERE method = 'user state';
`;
