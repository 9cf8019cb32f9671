import { z } from 'zod';
import { isoDateField, none, optionalText, requiredText, userIdField } from './fields';
import { read, supervisor, write, type MethodGroup } from './method';

/**
 * The audit trail: every view of patient data and every write, who made it, when and from
 * which computer, chained so that a row changed behind ClaimDesk's back is found.
 */

export interface AuditEntryView {
  id: number;
  /** ISO-8601 UTC. */
  at: string;
  userId: number;
  userName: string;
  workstation: string;
  /** The request, by its contract name: `getAccount`, `listQueue`, `postPatientPayment`. */
  method: string;
  access: 'read' | 'write' | 'long';
  /** The accounts it touched or showed, with their numbers (the first few of a long list). */
  accounts: { id: number; number: string }[];
  /** How many accounts in all, when more than are listed. */
  accountCount: number;
  documentIds: number[];
  /** The request as asked (filters, search words), shortened. */
  detail: string;
}

export interface AuditTrailPage {
  total: number;
  rows: AuditEntryView[];
  /** Everyone who has an entry, for the filter. */
  users: { id: number; displayName: string }[];
}

/** What ClaimDesk found about the trail when it opened the database, or on demand. */
export interface AuditCheck {
  ok: boolean;
  /** Entries whose chain was checked. */
  checked: number;
  total: number;
  /** What is wrong, said for a supervisor; empty when all is well. */
  problems: string[];
}

export interface AuditStatus {
  /** Shown to everyone while the trail found at opening is not as ClaimDesk left it. */
  warning: string | null;
  /** Whether this user may read the trail (a supervisor), for the navigation. */
  canReview: boolean;
}

export const listAuditTrailInput = z.strictObject({
  userId: userIdField().optional(),
  /** The entries that touched or showed this account, by its number. */
  accountNumber: optionalText('Account number', 40),
  from: isoDateField('From').optional(),
  to: isoDateField('To').optional(),
  offset: z.number().int().min(0).max(100_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
  /** An export reads the same pages; saying so keeps the export itself in the trail. */
  purpose: z.enum(['view', 'export']).default('view'),
});

/** Why a supervisor takes the trail as it now stands, kept in the trail itself. */
export const acceptAuditTrailInput = z.strictObject({ reason: requiredText('Reason', 300) });

export const auditMethods = {
  listAuditTrail: read<AuditTrailPage>()(listAuditTrailInput, supervisor('read the audit trail')),
  verifyAuditTrail: read<AuditCheck>()(none, supervisor('check the audit trail')),
  getAuditStatus: read<AuditStatus>()(none),
  /**
   * After looking into a warning: puts the safeguards back and takes the trail's present
   * end as the one to check from, so the warning stops; a full check still finds the
   * break, and this acceptance is an entry of the trail.
   */
  acceptAuditTrail: write<AuditCheck>()(
    acceptAuditTrailInput,
    supervisor('accept the audit trail as it now stands'),
  ),
} satisfies MethodGroup;
