import type { UnlockReason } from '../../../shared/unlock';

/** Why the recovery key is asked for, in words a billing office can act on. */
export const REASON_TEXT: Record<UnlockReason, string> = {
  'no copy here':
    'The ClaimDesk database is encrypted, and this computer does not hold its key: it has not ' +
    'opened this database before, or its copy of the key is gone (a new computer, a new ' +
    'sign-in, a reinstalled system).',
  'os refused':
    'The ClaimDesk database is encrypted. This computer keeps its key locked by the operating ' +
    'system for your sign-in, and the system can no longer unlock it (the sign-in or its ' +
    'password store was reset or moved).',
  'wrong key':
    'The ClaimDesk database is encrypted, and the key this computer holds does not open this ' +
    'database file: the file was replaced, or restored from another database.',
};

/** How many tries were refused so far, said once there was one. */
export function refusedText(refused: number): string | null {
  if (refused === 0) return null;
  return refused === 1
    ? 'One recovery key refused so far.'
    : `${refused} recovery keys refused so far.`;
}
