import type { ParsedInputOf } from '../../shared/api/contract';
import { ApiError, notFound } from '../../shared/api/errors';
import type { UsersView } from '../../shared/api/users';
import type { Ctx } from '../core/context';
import { one, run } from '../db/query';
import { recordUserChange } from './changes';
import { listUsers } from './manage';
import { isSupervisor } from './users';

interface ContactRow {
  displayName: string;
  title: string | null;
  phone: string | null;
  email: string | null;
}

/** Which details changed, by name: the values themselves show beside it in the list. */
function describeContact(before: ContactRow, after: ParsedInputOf<'saveUserContact'>): string {
  const changed = (['title', 'phone', 'email'] as const).filter((k) => before[k] !== after[k]);
  if (changed.length === 0) return '';
  const names = changed.map((k) => (k === 'phone' ? 'direct phone' : k));
  const list =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `Contact details: ${list ?? ''} changed`;
}

/**
 * Title, direct phone and email, which letters print under the signature. A user keeps
 * their own; only a supervisor may change someone else's, since a letter sent with the
 * wrong number sends a payer's reviewer to the wrong person.
 */
export function saveUserContact(ctx: Ctx, input: ParsedInputOf<'saveUserContact'>): UsersView {
  const { db } = ctx;
  if (input.userId !== ctx.userId && !isSupervisor(db, ctx.userId)) {
    throw new ApiError({
      code: 'forbidden',
      message:
        "You can change your own title, phone and email; only a supervisor can change someone else's.",
    });
  }
  const before = one<ContactRow>(
    db,
    `SELECT display_name AS displayName, title, phone, email FROM users WHERE id = ?`,
    input.userId,
  );
  if (!before) throw notFound('That user');
  const why = describeContact(before, input);
  if (why === '') return listUsers(ctx);
  run(
    db,
    `UPDATE users SET title = ?, phone = ?, email = ? WHERE id = ?`,
    input.title,
    input.phone,
    input.email,
    input.userId,
  );
  recordUserChange(db, input.userId, { why, by: ctx.userId, now: ctx.clock.now() });
  return listUsers(ctx);
}
