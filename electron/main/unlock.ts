import {
  recoveryKeyInput,
  type UnlockAnswer,
  type UnlockReason,
  type UnlockState,
} from '../../shared/unlock';
import type { DatabaseKey } from '../db/cipher';
import { RecoveryKeyRefused, type KeyStore } from '../db/key-store';

/**
 * What the recovery-key window may ask of the main process, kept apart from Electron so it
 * is tested under plain Node: the state to explain, and a recovery key to try. The input
 * is checked here, behind the IPC, whatever the window sent; a refused key changes no file,
 * and a right one is wrapped for this workstation by the key store before it is given back.
 */
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
