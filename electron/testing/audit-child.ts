/**
 * Run as a child process by the audit trail's crash test: opens the database as ClaimDesk
 * does (with the key given in hex, if any), opens an account and searches for a name as
 * the database's first user, then kills itself (kill -9) before a second has passed, so
 * the entries have not joined the chain: the test sees what such a crash leaves.
 *
 *   node --import tsx electron/testing/audit-child.ts <database> <account id> <words> [key hex]
 */
import { dispatch } from './dispatch';
import { fixedClock } from '../core/context';
import { asDatabaseKey } from '../db/cipher';
import { openDatabase } from '../db/open';
import type { UserId } from '../../shared/ids';
import { TEST_TODAY } from './test-db';

const [databasePath = '', accountArg = '0', words = '', keyHex] = process.argv.slice(2);
const key = keyHex ? asDatabaseKey(Buffer.from(keyHex, 'hex')) : undefined;
const db = openDatabase(databasePath, key ? { key } : {});
const ctx = { db, clock: fixedClock(TEST_TODAY), userId: 1 as UserId, databasePath };
const opened = dispatch(ctx, 'getAccount', { accountId: Number(accountArg) });
const found = dispatch(ctx, 'search', { query: words });
if (!opened.ok || !found.ok) {
  process.stderr.write('the child could not read\n');
  process.exit(1);
}
process.kill(process.pid, 'SIGKILL');
