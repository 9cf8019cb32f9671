import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeDatabase, openDatabase } from '../db/open';
import { addAccount, addPerson, makeSupervisor } from '../testing/builders';
import { call } from '../testing/call';
import { createEncryptedTestCtx } from '../testing/encrypted-db';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { WORKSTATION, type AuditEntry } from './chain';
import { journalKey, leftoverJournals, readJournal } from './journal';
import { FLUSH_DELAY_MS, flushTrail, recordEntry } from './trail';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const child = path.join(repo, 'electron', 'testing', 'audit-child.ts');

let ctx: TestCtx;
afterEach(() => {
  vi.useRealTimers();
  ctx.close();
});

interface Entry {
  method: string;
  accounts: string;
  detail: string;
  uid: string | null;
}

const trail = (db = ctx.db): Entry[] =>
  db.prepare(`SELECT method, accounts, detail, uid FROM audit_log ORDER BY id`).all() as Entry[];

const journals = () => fs.readdirSync(ctx.dir).filter((f) => f.includes('.audit-pending'));

/** A name the test can look for in the file's raw bytes. */
const NAME = 'Quillfeather';

function patientAccount(): number {
  const patientId = addPerson(ctx, { last: NAME, first: 'Ada' });
  return addAccount(ctx, { patientId }).accountId;
}

/** ClaimDesk closed for the day, then started again and killed right after two views. */
function killedChild(accountId: number, keyHex?: string) {
  closeDatabase(ctx.db);
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      child,
      ctx.databasePath,
      String(accountId),
      NAME,
      ...(keyHex ? [keyHex] : []),
    ],
    { cwd: repo, encoding: 'utf8' },
  );
  expect(run.stderr).toBe('');
  expect(run.signal).toBe('SIGKILL');
}

describe('views wait in a file beside the database, never lost', () => {
  it('a view is in its file before the answer goes back, and joins the chain within a second', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    ctx = createTestCtx();
    const accountId = patientAccount();
    const before = trail().length;
    call(ctx, 'getAccount', { accountId });
    call(ctx, 'search', { query: NAME });
    expect(trail()).toHaveLength(before);
    const [file] = journals();
    expect(fs.readFileSync(path.join(ctx.dir, file ?? ''), 'utf8')).toContain(NAME);
    vi.advanceTimersByTime(FLUSH_DELAY_MS);
    expect(
      trail()
        .slice(before)
        .map((e) => e.method),
    ).toEqual(['getAccount', 'search']);
    // once chained, the file is gone: nothing to move twice
    expect(journals()).toEqual([]);
  });

  it('ClaimDesk killed at once: the next opening moves the views into the chain', () => {
    ctx = createTestCtx();
    makeSupervisor(ctx);
    const accountId = patientAccount();
    const before = trail().length;
    killedChild(accountId);
    // the child's file is left over (its process is gone); this process's own is not
    expect(leftoverJournals(ctx.databasePath)).toHaveLength(1);
    const db = openDatabase(ctx.databasePath);
    try {
      const moved = trail(db).slice(before);
      expect(moved.map((e) => [e.method, e.uid !== null])).toEqual([
        ['getAccount', true],
        ['search', true],
      ]);
      expect(moved[0]?.accounts).toBe(`,${accountId},`);
      expect(moved[1]?.detail).toContain(NAME);
      expect(leftoverJournals(ctx.databasePath)).toEqual([]);
      expect(call({ ...ctx, db }, 'verifyAuditTrail', {})).toMatchObject({ ok: true });
    } finally {
      closeDatabase(db);
    }
  });

  it('with an encrypted database the file is encrypted too, and only its key reads it', () => {
    const encrypted = createEncryptedTestCtx();
    ctx = encrypted;
    const accountId = patientAccount();
    const before = trail().length;
    killedChild(accountId, encrypted.databaseKey.toString('hex'));
    const [file] = leftoverJournals(ctx.databasePath);
    if (!file) throw new Error('the child left no file');
    const bytes = fs.readFileSync(file);
    expect(bytes.includes(Buffer.from(NAME))).toBe(false);
    expect(bytes.includes(Buffer.from(`,${accountId},`))).toBe(false);
    expect(readJournal(file, null)).toBe('unreadable');
    expect(readJournal(file, journalKey(Buffer.alloc(32, 7)))).toBe('unreadable');
    const db = openDatabase(ctx.databasePath, { key: encrypted.databaseKey });
    try {
      expect(
        trail(db)
          .slice(before)
          .map((e) => e.method),
      ).toEqual(['getAccount', 'search']);
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      closeDatabase(db);
    }
  });

  it('waiting views join the next write, ahead of it, in its transaction', () => {
    ctx = createTestCtx();
    const accountId = patientAccount();
    const before = trail().length;
    call(ctx, 'getAccount', { accountId });
    call(ctx, 'addActivity', { accountId, kind: 'note', text: 'Called the patient' });
    expect(
      trail()
        .slice(before)
        .map((e) => e.method),
    ).toEqual(['getAccount', 'addActivity']);
  });

  it('a write that rolls back leaves the waiting views waiting', async () => {
    ctx = createTestCtx();
    const accountId = patientAccount();
    const before = trail().length;
    call(ctx, 'getAccount', { accountId });
    const entry: AuditEntry = {
      at: ctx.clock.now(),
      userId: ctx.userId,
      workstation: WORKSTATION,
      method: 'a write that fails',
      access: 'write',
      accounts: '',
      documents: '',
      detail: '{}',
      uid: null,
    };
    expect(() =>
      ctx.db.transaction(() => {
        recordEntry(ctx.db, ctx.databasePath, entry);
        throw new Error('refused at the end');
      })(),
    ).toThrow('refused at the end');
    await Promise.resolve();
    expect(trail()).toHaveLength(before);
    expect(journals()).toHaveLength(1);
    flushTrail(ctx.db);
    expect(
      trail()
        .slice(before)
        .map((e) => e.method),
    ).toEqual(['getAccount']);
    expect(journals()).toEqual([]);
  });

  it("two connections of one process keep their own files, and neither takes the other's", () => {
    ctx = createTestCtx();
    const accountId = patientAccount();
    const second = openDatabase(ctx.databasePath);
    try {
      call(ctx, 'getAccount', { accountId });
      call({ ...ctx, db: second }, 'getAccount', { accountId });
      expect(journals()).toHaveLength(2);
      expect(leftoverJournals(ctx.databasePath)).toEqual([]);
    } finally {
      closeDatabase(second);
    }
    expect(journals()).toHaveLength(1);
    flushTrail(ctx.db);
    expect(journals()).toEqual([]);
  });
});
