/**
 * The recovery-key window: shown before the database is open, when it is encrypted and
 * this workstation cannot open it with its own wrapped key. It has no `window.api` (there
 * is no database to call yet), only `window.unlock`, over channels of its own.
 */

/** Crockford's base 32: no I, L, O or U, so a key read aloud or copied by hand survives. */
export const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 160 bits: 32 characters, shown as eight groups of four. */
export const RECOVERY_KEY_LENGTH = 32;

/**
 * A recovery key as typed, in the one form it is checked in: case, spaces and dashes do not
 * matter, and the look-alikes I, L and O read as the digits they resemble; or, when it
 * cannot be a recovery key, the reason to say.
 */
export function parseRecoveryKey(
  typed: string,
): { ok: true; key: string } | { ok: false; message: string } {
  const key = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (key === '') return { ok: false, message: 'Type the recovery key.' };
  const stray = [...key].find((c) => !RECOVERY_ALPHABET.includes(c));
  if (stray !== undefined) {
    return {
      ok: false,
      message: `A recovery key holds only letters and digits; "${stray}" is not one of them.`,
    };
  }
  if (key.length !== RECOVERY_KEY_LENGTH) {
    return {
      ok: false,
      message: `A recovery key has ${RECOVERY_KEY_LENGTH} letters and digits (eight groups of four); this has ${key.length}.`,
    };
  }
  return { ok: true, key };
}

/** The key in the groups it is shown in: `7K2M-…`. */
export function groupRecoveryKey(key: string): string {
  return (key.match(/.{1,4}/g) ?? []).join('-');
}

/** Why this workstation cannot open the database with its own key. */
export type UnlockReason =
  /** This workstation has never opened the database, or its copy of the key is gone. */
  | 'no copy here'
  /** The OS key store no longer opens this workstation's copy (a new profile, a reset). */
  | 'os refused'
  /** This workstation's key is not the key of this file (a file restored or replaced). */
  | 'wrong key';

export interface UnlockState {
  reason: UnlockReason;
  /** The database file, as the person would look for it. */
  databasePath: string;
  /** Recovery keys refused so far in this start. */
  refused: number;
}

export type UnlockAnswer =
  | { ok: true }
  | { ok: false; message: string; /** Refused so far in this start. */ refused: number };

/** The window's bridge, as its preload (or the end-to-end test) installs it. */
export interface UnlockBridge {
  state(): Promise<UnlockState>;
  submit(recoveryKey: string): Promise<UnlockAnswer>;
  /** Closes ClaimDesk without opening the database. */
  quit(): Promise<void>;
}

export const UNLOCK_CHANNELS = {
  state: 'claimdesk:unlock:state',
  submit: 'claimdesk:unlock:submit',
  quit: 'claimdesk:unlock:quit',
} as const;
