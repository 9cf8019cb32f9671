import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch';
import { longWorkNotePath } from '../core/long-work-note';
import { describeFailure } from '../core/failure';
import { addAccount, addBilledClaim, addPayer, makeSupervisor } from '../testing/builders';
import { balanceDrift, createTestCtx, rowCount, type TestCtx } from '../testing/test-db';
import type { PostingReport } from '../testing/workstation';
import { ensureUser } from '../users/users';
import { signIn } from '../users/sign-in';
import { openDatabase } from './open';

const root = fileURLToPath(new URL('../..', import.meta.url));
const childScript = fileURLToPath(new URL('../testing/workstation.ts', import.meta.url));

type Message = {
  ready?: true;
  holding?: true;
  done?: PostingReport;
  finished?: boolean;
  error?: string;
};

/** Another ClaimDesk process on the same file, and the JSON lines it prints. */
class Workstation {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly heard: Message[] = [];
  private wake: (() => void) | null = null;
  readonly exited: Promise<number | null>;
  stderr = '';

  constructor(args: string[]) {
    this.child = spawn(process.execPath, ['--import', 'tsx', childScript, ...args], { cwd: root });
    readline.createInterface({ input: this.child.stdout }).on('line', (line) => {
      this.heard.push(JSON.parse(line) as Message);
      this.wake?.();
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.exited = new Promise((resolve) => this.child.on('exit', resolve));
    void this.exited.then(() => this.wake?.());
  }

  /** The first message with this key, waiting for it; fails if the child ends without it. */
  async next<K extends keyof Message>(key: K): Promise<NonNullable<Message[K]>> {
    for (;;) {
      const found = this.heard.find((m) => m[key] !== undefined || m.error !== undefined);
      if (found?.error !== undefined) throw new Error(`workstation failed: ${found.error}`);
      if (found) return found[key] as NonNullable<Message[K]>;
      if (this.child.exitCode !== null) {
        throw new Error(`workstation exited before "${key}": ${this.stderr}`);
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  send(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }
}

let ctx: TestCtx;
const children: Workstation[] = [];
function workstation(...args: string[]): Workstation {
  const w = new Workstation(args);
  children.push(w);
  return w;
}
beforeEach(() => {
  ctx = createTestCtx();
  makeSupervisor(ctx);
});
afterEach(async () => {
  for (const w of children.splice(0)) {
    w.kill();
    await w.exited;
  }
  ctx.close();
});

describe('two workstations on one database file', () => {
  it('post 600 payments and 600 notes at the same time without a single failure', async () => {
    const payerId = addPayer(ctx);
    const accountIds = Array.from({ length: 20 }, () => {
      const { accountId } = addAccount(ctx);
      addBilledClaim(ctx, accountId, payerId, [10_000], 'patient');
      return accountId;
    });
    const accounts = JSON.stringify(accountIds);
    // colleagues the office already has: a name never seen before would wait for a supervisor
    for (const name of ['ana.front', 'ben.back']) ensureUser(ctx.db, name, name, ctx.clock.now());
    const a = workstation('post', ctx.databasePath, 'ana.front', accounts, '300');
    const b = workstation('post', ctx.databasePath, 'ben.back', accounts, '300');
    await Promise.all([a.next('ready'), b.next('ready')]);
    a.send('go');
    b.send('go');
    const [fromA, fromB] = await Promise.all([a.next('done'), b.next('done')]);
    for (const report of [fromA, fromB]) {
      expect(report.payments).toEqual({ ok: 300, failed: 0, messages: [] });
      expect(report.notes).toEqual({ ok: 300, failed: 0, messages: [] });
    }
    expect(rowCount(ctx, 'receipts')).toBe(600);
    expect(balanceDrift(ctx)).toBe(0);
  });

  it("waits behind another workstation's import, then says who is importing what", async () => {
    const { accountId } = addAccount(ctx);
    addBilledClaim(ctx, accountId, addPayer(ctx), [10_000], 'patient');
    ensureUser(ctx.db, 'maria.lopez', 'Maria Lopez', ctx.clock.now());
    const importer = workstation('import', ctx.databasePath, 'maria.lopez');
    await importer.next('holding');

    // Opening and signing in take no write lock, so ClaimDesk opens meanwhile.
    const db = openDatabase(ctx.databasePath, { busyTimeoutMs: 300 });
    const here = { ...ctx, db, userId: signIn(db, 'rep.one', ctx.clock.now()) };
    expect(here.userId).toBe(ctx.userId);
    expect(dispatch(here, 'getAccount', { accountId }).ok).toBe(true);

    const payment = { accountId, amount: 500, method: 'cash', receivedDate: ctx.clock.today() };
    const started = performance.now();
    const refused = dispatch(here, 'postPatientPayment', payment);
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: expect.stringMatching(
          /^Maria Lopez is importing remit-0301\.835 \(since \d\d:\d\d\)\. .*Nothing was saved\. Try again when it has finished\.$/,
        ) as unknown,
      },
    });
    // a new person's first sign-in must write, and says the same
    let signInError: unknown;
    try {
      signIn(db, 'new.person', ctx.clock.now());
    } catch (error) {
      signInError = error;
    }
    expect(describeFailure(signInError, here).message).toMatch(/^Maria Lopez is importing/);

    importer.send('release');
    expect(await importer.next('finished')).toBe(false);
    await importer.exited;
    expect(fs.existsSync(longWorkNotePath(ctx.databasePath))).toBe(false);
    expect(dispatch(here, 'postPatientPayment', payment).ok).toBe(true);
    db.close();
  });
});
