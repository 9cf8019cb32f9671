/**
 * A second ClaimDesk on the same database file, run as a child process by the
 * two-workstation tests (`node --import tsx workstation.ts <role> <db> ...`). It speaks
 * in JSON lines: it prints `{"ready":true}` or `{"holding":true}` when it has reached the
 * point the test waits for, and acts on `go` / `release` lines from the test, so no
 * step depends on timing.
 */
import readline from 'node:readline';
import { isoDate } from '../../shared/dates/iso-date';
import type { ApiResult } from '../../shared/api/errors';
import { dispatchAsync, handlers } from './dispatch';
import { fixedClock, type Ctx } from '../core/context';
import { SteppedWrite, type Steps } from '../core/stepped';
import { openDatabase } from '../db/open';
import { signIn } from '../users/sign-in';

export const WORKSTATION_TODAY = isoDate('2026-03-16');

export type Tally = { ok: number; failed: number; messages: string[] };
export type PostingReport = { payments: Tally; notes: Tally };

function say(message: object): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

const lines = readline.createInterface({ input: process.stdin });
const waiting = new Map<string, () => void>();
const heard = new Set<string>();
lines.on('line', (line) => {
  heard.add(line);
  waiting.get(line)?.();
});
function hear(line: string): Promise<void> {
  if (heard.has(line)) return Promise.resolve();
  return new Promise((resolve) => waiting.set(line, resolve));
}

function tally(into: Tally, result: ApiResult<unknown>): void {
  if (result.ok) {
    into.ok += 1;
    return;
  }
  into.failed += 1;
  if (!into.messages.includes(result.error.message)) into.messages.push(result.error.message);
}

function signedIn(file: string, username: string): Ctx {
  const db = openDatabase(file);
  const clock = fixedClock(WORKSTATION_TODAY);
  return { db, clock, userId: signIn(db, username, clock.now()), databasePath: file };
}

/** Posts a payment and a note per round, spread over the accounts, as fast as it can. */
async function post(file: string, username: string, accountIds: number[], rounds: number) {
  const ctx = signedIn(file, username);
  say({ ready: true });
  await hear('go');
  const report: PostingReport = {
    payments: { ok: 0, failed: 0, messages: [] },
    notes: { ok: 0, failed: 0, messages: [] },
  };
  for (let i = 0; i < rounds; i++) {
    const accountId = accountIds[i % accountIds.length] ?? 0;
    const payment = await dispatchAsync(ctx, 'postPatientPayment', {
      accountId,
      amount: 100,
      method: 'cash',
      receivedDate: WORKSTATION_TODAY,
    });
    tally(report.payments, payment);
    const note = await dispatchAsync(ctx, 'addActivity', {
      accountId,
      kind: 'note',
      text: `Round ${i} from ${username}`,
    });
    tally(report.notes, note);
  }
  ctx.db.close();
  say({ done: report });
}

/**
 * An import that holds the write lock until the test says `release`, through dispatch's
 * own long-write path (so its note beside the database is the real one), and is then
 * cancelled, keeping nothing.
 */
async function holdImport(file: string, username: string) {
  const ctx = signedIn(file, username);
  let released = false;
  void hear('release').then(() => {
    released = true;
  });
  const pause = new Int32Array(new SharedArrayBuffer(4));
  function* held(): Steps<never> {
    // the body starts inside the import's BEGIN IMMEDIATE: the lock is ours
    say({ holding: true });
    while (!released) {
      Atomics.wait(pause, 0, 0, 2);
      yield { label: 'Holding', done: 0, total: 1 };
    }
    throw new Error('released by the test');
  }
  handlers.importFile = () => new SteppedWrite(held());
  const result = await dispatchAsync(ctx, 'importFile', { fileName: 'remit-0301.835', text: 'x' });
  ctx.db.close();
  say({ finished: result.ok });
}

const [role, file = '', username = 'workstation', accounts = '[]', rounds = '0'] =
  process.argv.slice(2);
const work =
  role === 'post'
    ? post(file, username, JSON.parse(accounts) as number[], Number(rounds))
    : holdImport(file, username);
work.then(
  () => process.exit(0),
  (error: unknown) => {
    say({ error: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  },
);
