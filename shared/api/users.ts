import { z } from 'zod';
import { USER_ROLE, type UserRole } from '../codes/enums';
import { none, requiredText, userIdField } from './fields';
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

export const usersMethods = {
  listUsers: read<UsersView>()(none),
  saveUser: write<UsersView>()(saveUserInput, supervisor('change who may do what')),
  addUser: write<UsersView>()(addUserInput, supervisor('add users')),
} satisfies MethodGroup;
