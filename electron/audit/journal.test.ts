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
import { journalKeys, leftoverJournals, readJournal } from './journal';
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
    expect(readJournal(file, journalKeys(Buffer.alloc(32, 7)))).toBe('unreadable');
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
    const entry: AuditEntry = { ...entryOf(ctx), method: 'a write that fails', access: 'write' };
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

  it('views waiting through two writes, or a flush and more views, all reach the chain', () => {
    ctx = createTestCtx();
    const accountId = patientAccount();
    const before = trail().length;
    // synchronous calls: no write's after-commit work runs until the test is done
    call(ctx, 'getAccount', { accountId });
    call(ctx, 'addActivity', { accountId, kind: 'note', text: 'First call' });
    call(ctx, 'addActivity', { accountId, kind: 'note', text: 'Second call' });
    call(ctx, 'search', { query: NAME });
    call(ctx, 'getAccount', { accountId });
    flushTrail(ctx.db);
    call(ctx, 'search', { query: 'Ada' });
    flushTrail(ctx.db);
    expect(
      trail()
        .slice(before)
        .map((e) => e.method),
    ).toEqual(['getAccount', 'addActivity', 'addActivity', 'search', 'getAccount', 'search']);
    expect(journals()).toEqual([]);
  });

  it('a file moved in whose removal failed is moved again without a second entry', () => {
    ctx = createTestCtx();
    const accountId = patientAccount();
    call(ctx, 'getAccount', { accountId });
    const [name] = journals();
    if (!name) throw new Error('no file');
    const copy = fs.readFileSync(path.join(ctx.dir, name));
    flushTrail(ctx.db);
    const chainedOnce = trail().length;
    // as if a crash came between the commit and the file's removal, in a process now gone
    fs.writeFileSync(path.join(ctx.dir, `test.sqlite.audit-pending.${gonePid()}.0a1b`), copy);
    closeDatabase(ctx.db);
    const db = openDatabase(ctx.databasePath);
    try {
      expect(trail(db)).toHaveLength(chainedOnce);
      expect(journals()).toEqual([]);
    } finally {
      closeDatabase(db);
    }
  });

  it("keeps, and does not move, a file it cannot read, one whose line was changed, and a restore's set-aside file", () => {
    const encrypted = createEncryptedTestCtx();
    ctx = encrypted;
    const accountId = patientAccount();
    call(ctx, 'getAccount', { accountId });
    const [name] = journals();
    if (!name) throw new Error('no file');
    const bytes = fs.readFileSync(path.join(ctx.dir, name), 'latin1');
    flushTrail(ctx.db);
    const before = trail().length;
    // someone changes one character of the sealed line (a digit of the user, say)
    const lines = bytes.split('\n');
    const line = lines[1] ?? '';
    lines[1] = (line[0] === 'A' ? 'B' : 'A') + line.slice(1);
    const dead = gonePid();
    const changed = path.join(ctx.dir, `test.sqlite.audit-pending.${dead}.1`);
    fs.writeFileSync(changed, lines.join('\n'), 'latin1');
    // a plain file of this version beside an encrypted database: not ClaimDesk's
    const plain = path.join(ctx.dir, `test.sqlite.audit-pending.${dead}.2`);
    fs.writeFileSync(plain, `${JSON.stringify({ ...entryOf(ctx), uid: 'forged' })}\n`);
    // a folder where a file should be cannot be read at all
    const unreadable = path.join(ctx.dir, `test.sqlite.audit-pending.${dead}.3`);
    fs.mkdirSync(unreadable);
    // what a restore sets aside is the old database's, not this one's
    const setAside = path.join(ctx.dir, `test.sqlite.audit-pending.${dead}.4.before-restore-1`);
    fs.writeFileSync(setAside, bytes, 'latin1');
    expect(leftoverJournals(ctx.databasePath)).toEqual([changed, plain, unreadable].sort());
    closeDatabase(ctx.db);
    const db = openDatabase(ctx.databasePath, { key: encrypted.databaseKey });
    try {
      expect(trail(db)).toHaveLength(before);
      for (const kept of [changed, plain, unreadable, setAside])
        expect(fs.existsSync(kept)).toBe(true);
    } finally {
      closeDatabase(db);
    }
  });
});

/** A process id that was in use a moment ago and is not now. */
function gonePid(): number {
  const done = spawnSync(process.execPath, ['-e', '0']);
  return done.pid ?? 999_999;
}

function entryOf(c: TestCtx): AuditEntry {
  return {
    at: c.clock.now(),
    userId: c.userId,
    workstation: WORKSTATION,
    method: 'getAccount',
    access: 'read',
    accounts: ',1,',
    documents: '',
    detail: '{}',
    uid: null,
  };
}
