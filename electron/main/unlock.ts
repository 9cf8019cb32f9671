import { z } from 'zod';
import type { UnlockAnswer, UnlockReason, UnlockState } from '../../shared/unlock';
import { isEncryptedFile, KeyNeededError, keyOpens, type DatabaseKey } from '../db/cipher';
import { RecoveryKeyRefused, type KeyStore } from '../db/key-store';
import { WORKSTATION } from '../audit/chain';
import { recordEntry } from '../audit/trail';
import type { Ctx } from '../core/context';

/**
 * What the recovery-key window may ask of the main process, kept apart from Electron so it
 * is tested under plain Node: the state to explain, and a recovery key to try. The input
 * is checked here, behind the IPC, whatever the window sent; a refused key changes no file,
 * and a right one is wrapped for this workstation by the key store before it is given back.
 */
/**
 * What the window's one request may carry; the key's own form is checked next. Kept here,
 * not in shared/unlock.ts, so the window's preload stays free of zod.
 */
const recoveryKeyInput = z
  .string('Type the recovery key.')
  .max(200, 'That is far longer than a recovery key.');

export interface Unlocking {
  state(): UnlockState;
  submit(input: unknown): Promise<UnlockAnswer>;
  /** The database's key once a recovery key opened it; null until then. */
  key(): DatabaseKey | null;
  /** Recovery keys refused so far. */
  refused(): number;
}

export function startUnlocking(
  store: KeyStore,
  databasePath: string,
  reason: UnlockReason,
): Unlocking {
  let refused = 0;
  let key: DatabaseKey | null = null;
  // one key at a time: a second press while scrypt works waits for the first answer
  let last: Promise<unknown> = Promise.resolve();

  const refuse = (message: string): UnlockAnswer => {
    refused += 1;
    return { ok: false, message, refused };
  };

  async function attempt(input: unknown): Promise<UnlockAnswer> {
    if (key) return { ok: true };
    const typed = recoveryKeyInput.safeParse(input);
    if (!typed.success) return refuse(typed.error.issues[0]?.message ?? 'Type the recovery key.');
    try {
      key = await store.recover(databasePath, typed.data);
      return { ok: true };
    } catch (error) {
      if (error instanceof RecoveryKeyRefused) return refuse(error.message);
      throw error;
    }
  }

  return {
    state: () => ({ reason, databasePath, refused }),
    submit(input) {
      const answer = last.then(() => attempt(input));
      last = answer.catch(() => undefined);
      return answer;
    },
    key: () => key,
    refused: () => refused,
  };
}

/**
 * This workstation's own key for the database (null: the database has no key record), or
 * why the recovery key is needed: no wrapped copy here, the OS no longer unwraps it, or it
 * unwraps to a key that does not open the file (one restored or replaced from elsewhere).
 */
export async function workstationKey(
  store: KeyStore,
  file: string,
): Promise<{ key: DatabaseKey | null } | { needs: UnlockReason }> {
  try {
    const key = await store.keyFor(file);
    if (!key || !isEncryptedFile(file) || keyOpens(file, key)) return { key };
    return { needs: 'wrong key' };
  } catch (error) {
    if (error instanceof KeyNeededError) return { needs: error.reason };
    throw error;
  }
}

/** How the database was opened with its recovery key at this start, for the audit trail. */
export interface Recovered {
  by: 'window' | 'environment';
  /** Recovery keys refused before the right one. */
  refusedBefore: number;
  reason: UnlockReason;
}

/**
 * Puts the recovery key's use in the audit trail, once the database it opened is open and
 * the person signed in: before that there is no trail to write to, so refused keys are
 * counted in memory and recorded here with the key that opened it.
 */
export function recordRecovery(ctx: Ctx, recovered: Recovered): void {
  recordEntry(ctx.db, ctx.databasePath, {
    at: ctx.clock.now(),
    userId: ctx.userId,
    workstation: WORKSTATION,
    method: RECOVERY_AUDIT_METHOD,
    access: 'write',
    accounts: '',
    documents: '',
    detail: JSON.stringify(recovered),
    uid: null,
  });
}

/** How the trail names an opening with the recovery key. */
export const RECOVERY_AUDIT_METHOD = 'opened with the recovery key';
