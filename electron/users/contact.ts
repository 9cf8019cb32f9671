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

function describeContact(before: ContactRow, after: ParsedInputOf<'saveUserContact'>): string {
  const parts: string[] = [];
  const show = (v: string | null) => v ?? '(none)';
  if (before.title !== after.title)
    parts.push(`Title: ${show(before.title)} → ${show(after.title)}`);
  if (before.phone !== after.phone)
    parts.push(`Phone: ${show(before.phone)} → ${show(after.phone)}`);
  if (before.email !== after.email)
    parts.push(`Email: ${show(before.email)} → ${show(after.email)}`);
  return parts.join('; ');
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
