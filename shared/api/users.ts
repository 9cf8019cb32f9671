import { z } from 'zod';
import { USER_ROLE, type UserRole } from '../codes/enums';
import { none, optionalText, requiredText, userIdField } from './fields';
import { read, supervisor, write, type MethodGroup } from './method';

/** Who may open ClaimDesk and who is a supervisor. */

export interface UserRef {
  id: number;
  displayName: string;
}

/** The last recorded change of a user's role, name or access. */
export interface UserChange {
  at: string;
  byName: string;
  why: string;
}

export interface UserView {
  id: number;
  /** The name the person signs in to the computer with. */
  username: string;
  displayName: string;
  role: UserRole;
  /** A user who is turned off cannot open ClaimDesk; their history stays. */
  active: boolean;
  you: boolean;
  lastChange: UserChange | null;
  /** How a payer reaches the person who signs a letter; each null when not given. */
  title: string | null;
  phone: string | null;
  email: string | null;
}

export interface UsersView {
  users: UserView[];
  /** Whether this user may change roles and access (supervisors only). */
  canChange: boolean;
}

const displayName = () => requiredText('Name', 80);
const role = () => z.enum(USER_ROLE.keys, 'Choose a role: account representative or supervisor.');

export const saveUserInput = z.strictObject({
  userId: userIdField(),
  displayName: displayName(),
  role: role(),
  active: z.boolean('Say whether this person may open ClaimDesk.'),
});

export const addUserInput = z.strictObject({
  username: z
    .string({ error: 'Sign-in name is required.' })
    .trim()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
      'Sign-in name is the name this person signs in to the computer with: letters, digits, dots, dashes or underscores.',
    ),
  displayName: displayName(),
  role: role(),
});

/**
 * A direct line a payer can dial from outside: ten digits at least (an extension may
 * follow). "ext. 4127" alone reaches nobody from outside the building.
 */
export function isDirectPhone(phone: string | null | undefined): phone is string {
  if (!phone) return false;
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 10 && /^[0-9()+. x-]+$/i.test(phone.replace(/ext\.?/gi, 'x'));
}

const directPhone = () =>
  optionalText('Direct phone', 40).refine(
    (v) => v === null || isDirectPhone(v),
    'Direct phone must be a full number a payer can dial, such as (312) 555-0127 or (312) 555-0100 ext. 4127.',
  );

const email = () =>
  optionalText('Email', 120).refine(
    (v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
    'Email must look like name@example.org.',
  );

/** A user's own contact details; anyone may give their own, a supervisor anyone's. */
export const saveUserContactInput = z.strictObject({
  userId: userIdField(),
  title: optionalText('Title', 80),
  phone: directPhone(),
  email: email(),
});

export const usersMethods = {
  listUsers: read<UsersView>()(none),
  saveUser: write<UsersView>()(saveUserInput, supervisor('change who may do what')),
  addUser: write<UsersView>()(addUserInput, supervisor('add users')),
  // not supervisor-only in the contract: the handler lets a user change their own
  saveUserContact: write<UsersView>()(saveUserContactInput),
} satisfies MethodGroup;
