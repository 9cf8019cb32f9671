import { z } from 'zod';
import type { UserRole } from '../codes/enums';
import { id, none, requiredText, userIdField } from './fields';
import { read, supervisor, write, type MethodGroup } from './method';

/**
 * Who is at the window: a sign-in name waiting for a supervisor, the window's lock after
 * idle time, an optional ClaimDesk PIN or password, and emergency access.
 */

export const SECRET_KINDS = ['pin', 'password'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

export interface AccessState {
  user: { id: number; username: string; displayName: string; role: UserRole };
  /**
   * open: the app as usual; locked: nothing of a patient shows until the user signs in
   * again; waiting: a new sign-in name a supervisor has not allowed yet.
   */
  status: 'open' | 'locked' | 'waiting';
  /** What unlocking asks for: nothing but the person's confirmation, or their PIN or password. */
  secret: SecretKind | null;
  idleLockMinutes: number;
  /** While a waiting user works under emergency access: until when. */
  emergencyUntil: string | null;
}

export interface PendingUser {
  id: number;
  username: string;
  firstSeen: string;
}

export interface EmergencyAccessView {
  id: number;
  userId: number;
  username: string;
  displayName: string;
  reason: string;
  startedAt: string;
  endsAt: string;
  acknowledged: { at: string; byName: string } | null;
}

export interface AccessReview {
  pending: PendingUser[];
  /** Unacknowledged first, then the latest acknowledged ones. */
  emergencies: EmergencyAccessView[];
  /** Users who have a ClaimDesk PIN or password, which a supervisor can reset. */
  withSecret: { userId: number; kind: SecretKind }[];
}

const secretText = (label: string) =>
  z.string({ error: `${label} is required.` }).max(128, `${label} is too long.`);

export const unlockInput = z.strictObject({ secret: secretText('PIN or password').optional() });

export const setOwnSecretInput = z
  .strictObject({
    kind: z.enum(SECRET_KINDS, 'Choose a PIN or a password.'),
    secret: secretText('The new PIN or password'),
    /** The one set now, when there is one: someone else at the desk cannot change it. */
    current: secretText('Your current PIN or password').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'pin' && !/^\d{4,12}$/.test(v.secret))
      ctx.addIssue({ code: 'custom', path: ['secret'], message: 'A PIN is 4 to 12 digits.' });
    if (v.kind === 'password' && v.secret.length < 8)
      ctx.addIssue({
        code: 'custom',
        path: ['secret'],
        message: 'A password is at least 8 characters.',
      });
  });

export const emergencyAccessInput = z.strictObject({
  reason: requiredText('Reason', 500),
});

const userInput = z.strictObject({ userId: userIdField() });

export const accessMethods = {
  getAccessState: read<AccessState>()(none),
  /** The renderer reports input (keys, pointer) so the idle time is measured from a person. */
  reportActivity: read<AccessState>()(none),
  unlock: read<AccessState>()(unlockInput),
  // a write, though it writes no row, so a read-only sweep over the contract never locks
  lockNow: write<AccessState>()(none),
  setOwnSecret: write<AccessState>()(setOwnSecretInput),
  startEmergencyAccess: write<AccessState>()(emergencyAccessInput),
  getAccessReview: read<AccessReview>()(none, supervisor('see who waits to be allowed')),
  allowUser: write<AccessReview>()(userInput, supervisor('allow a new sign-in name')),
  refuseUser: write<AccessReview>()(userInput, supervisor('refuse a new sign-in name')),
  resetUserSecret: write<AccessReview>()(userInput, supervisor("reset a user's PIN or password")),
  acknowledgeEmergencyAccess: write<AccessReview>()(
    z.strictObject({ emergencyId: id('Emergency access') }),
    supervisor('acknowledge emergency access'),
  ),
} satisfies MethodGroup;
