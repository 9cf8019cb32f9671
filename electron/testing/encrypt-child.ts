/**
 * Run as a child process by the kill-during-encryption test: encrypts the database and
 * kills itself (kill -9) right after the step the test chose, so the test sees exactly
 * what a crash at that point leaves behind.
 *
 *   node --import tsx electron/testing/encrypt-child.ts <database> <key in hex> <step>
 */
import { asDatabaseKey } from '../db/cipher';
import { encryptDatabaseFile } from '../db/encrypt-in-place';

const [databasePath = '', keyHex = '', killAfter = ''] = process.argv.slice(2);
encryptDatabaseFile(databasePath, asDatabaseKey(Buffer.from(keyHex, 'hex')), (step) => {
  if (step === killAfter) process.kill(process.pid, 'SIGKILL');
});
