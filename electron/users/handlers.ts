import type { usersMethods } from '../../shared/api/users';
import type { HandlersOf } from '../core/handlers';
import { saveUserContact } from './contact';
import { addUser, listUsers, saveUser } from './manage';

/** The handlers of the users: one for each method of the slice. */
export const usersHandlers = {
  listUsers,
  saveUser,
  addUser,
  saveUserContact,
} satisfies HandlersOf<typeof usersMethods>;
