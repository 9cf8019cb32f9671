import { dialog } from 'electron';
import fs from 'node:fs';
import { isEncryptedFile, KeyNeededError, type DatabaseKey } from '../db/cipher';
import { fileKeyStore, keyRecordPath, RecoveryKeyRefused } from '../db/key-store';
import { OsKeyStoreUnavailable, safeStorageProtection } from './safe-storage';

/**
 * Until a window can ask for it, a recovery key is given to one start in this variable
 * (never on the command line, which other users of the machine can read).
 */
export const RECOVERY_KEY_VARIABLE = 'CLAIMDESK_RECOVERY_KEY';

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
 * (its recovery key shown once),
 * or `{ refused }` with what to say when the database cannot be opened here.
 */
export async function databaseKeyFor(
  file: string,
  workstationDir: string,
  options: { encrypting: boolean },
): Promise<{ key: DatabaseKey | null } | { refused: string }> {
  const hasKey = fs.existsSync(keyRecordPath(file)) || isEncryptedFile(file);
  let protection;
  try {
    protection = await safeStorageProtection();
  } catch (error) {
    if (!(error instanceof OsKeyStoreUnavailable)) throw error;
    // a plain database opens as it is; an encrypted one cannot without a key store
    if (!hasKey) return { key: null };
    return { refused: error.message };
  }
  const store = fileKeyStore(protection, workstationDir);
  try {
    const key = await store.keyFor(file);
    if (key) return { key };
  } catch (error) {
    if (!(error instanceof KeyNeededError)) throw error;
    const typed = process.env[RECOVERY_KEY_VARIABLE];
    if (!typed) {
      return {
        refused: `${error.message} Start ClaimDesk once with the recovery key in the ${RECOVERY_KEY_VARIABLE} environment variable.`,
      };
    }
    try {
      return { key: await store.recover(file, typed) };
    } catch (refusal) {
      if (refusal instanceof RecoveryKeyRefused) return { refused: refusal.message };
      throw refusal;
    } finally {
      delete process.env[RECOVERY_KEY_VARIABLE];
    }
  }
  // a plain file stays plain until a supervisor asks for it to be encrypted
  if (!isNew(file) && !options.encrypting) return { key: null };
  const { key, recoveryKey } = await store.create(file);
  showRecoveryKey(recoveryKey);
  return { key };
}
