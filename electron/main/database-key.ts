import { dialog } from 'electron';
import fs from 'node:fs';
import type { UnlockReason } from '../../shared/unlock';
import { isEncryptedFile, type DatabaseKey } from '../db/cipher';
import { fileKeyStore, keyRecordPath, RecoveryKeyRefused, type KeyStore } from '../db/key-store';
import { OsKeyStoreUnavailable, safeStorageProtection } from './safe-storage';
import { startUnlocking, workstationKey, type Recovered, type Unlocking } from './unlock';
import type { Unlocked } from './unlock-window';

/**
 * A recovery key for one unattended start (a restore scripted on a new machine, where no
 * one sits at the recovery-key window), given in this variable: never on the command line,
 * which other users of the machine can read. A person at the computer types it instead.
 */
export const RECOVERY_KEY_VARIABLE = 'CLAIMDESK_RECOVERY_KEY';

export type KeyAnswer =
  | { key: DatabaseKey | null; recovered: Recovered | null; unlocked?: Unlocked }
  | { refused: string }
  | { quit: true };

const isNew = (file: string) => !fs.existsSync(file) || fs.statSync(file).size === 0;

/** Says the recovery key once, for the supervisor to keep; it is written nowhere. */
function showRecoveryKey(recoveryKey: string): void {
  dialog.showMessageBoxSync({
    type: 'warning',
    title: 'ClaimDesk: the recovery key',
    message: recoveryKey,
    detail:
      'The database is encrypted. Write this recovery key down and keep it locked away: it ' +
      'opens the database on another workstation or if Windows or this computer is ' +
      'reinstalled. ClaimDesk does not keep it and will not show it again.',
    buttons: ['I have written it down'],
    noLink: true,
  });
}

/**
 * The key to open the database with: `{ key: null }` for a plain file (it stays plain until
 * a supervisor has it encrypted), a new key for a new file or one about to be encrypted
 * (its recovery key shown once), the key a recovery key opened when this workstation's own
 * copy is missing or does not open the file (`ask` shows the recovery-key window), `{ quit }`
 * when the person quit that window, or `{ refused }` with what to say when the database
 * cannot be opened here.
 */
export async function databaseKeyFor(
  file: string,
  workstationDir: string,
  options: { encrypting: boolean },
  ask: (unlocking: Unlocking) => Promise<Unlocked | null>,
): Promise<KeyAnswer> {
  const hasKey = fs.existsSync(keyRecordPath(file)) || isEncryptedFile(file);
  let protection;
  try {
    protection = await safeStorageProtection();
  } catch (error) {
    if (!(error instanceof OsKeyStoreUnavailable)) throw error;
    // a plain database opens as it is; an encrypted one cannot without a key store
    if (!hasKey) return { key: null, recovered: null };
    return { refused: error.message };
  }
  const store = fileKeyStore(protection, workstationDir);
  const own = await workstationKey(store, file);
  if ('needs' in own) return recoverKey(store, file, own.needs, ask);
  if (!own.key) return withoutRecord(store, file, options.encrypting);
  return { key: own.key, recovered: null };
}

/** No key record beside the database: a plain file, a new one, or a record gone missing. */
async function withoutRecord(
  store: KeyStore,
  file: string,
  encrypting: boolean,
): Promise<KeyAnswer> {
  if (isEncryptedFile(file)) return { refused: missingRecord(file) };
  // a plain file stays plain until a supervisor asks for it to be encrypted
  if (!isNew(file) && !encrypting) return { key: null, recovered: null };
  const { key, recoveryKey } = await store.create(file);
  showRecoveryKey(recoveryKey);
  return { key, recovered: null };
}

function missingRecord(file: string): string {
  return (
    `The database is encrypted and its key record (${keyRecordPath(file)}) is missing, so ` +
    'neither this computer nor the recovery key can open it. Nothing was changed. Put the ' +
    'key record back beside the database (every backup holds a copy, database.sqlite.key), ' +
    'or restore a backup.'
  );
}

/** The recovery key from the environment for an unattended start, or typed in the window. */
async function recoverKey(
  store: KeyStore,
  file: string,
  reason: UnlockReason,
  ask: (unlocking: Unlocking) => Promise<Unlocked | null>,
): Promise<KeyAnswer> {
  const given = process.env[RECOVERY_KEY_VARIABLE];
  if (given !== undefined) {
    // read once: a child process, or the next start, must not find it
    delete process.env[RECOVERY_KEY_VARIABLE];
    try {
      const key = await store.recover(file, given);
      return { key, recovered: { by: 'environment', refusedBefore: 0, reason } };
    } catch (refusal) {
      if (refusal instanceof RecoveryKeyRefused) {
        return { refused: `${refusal.message} (The key came from ${RECOVERY_KEY_VARIABLE}.)` };
      }
      throw refusal;
    }
  }
  const unlocking = startUnlocking(store, file, reason);
  const unlocked = await ask(unlocking);
  if (!unlocked) {
    // the database stays shut, so the trail cannot hold these; the log has no secret
    if (unlocking.refused() > 0) {
      console.error(`ClaimDesk: ${unlocking.refused()} recovery keys refused, then quit`);
    }
    return { quit: true };
  }
  return {
    key: unlocked.key,
    recovered: { by: 'window', refusedBefore: unlocking.refused(), reason },
    unlocked,
  };
}
