import fs from 'node:fs';
import os from 'node:os';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch';
import { call, callAsync } from '../testing/call';
import { makeSupervisor } from '../testing/builders';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { leftoverJournals } from './journal';
import { flushTrail } from './trail';

let ctx: TestCtx;
beforeAll(() => {
  ctx = createTestCtx();
  call(ctx, 'loadDemoData', {});
  makeSupervisor(ctx);
});
afterAll(() => ctx.close());

interface Row {
  id: number;
  at: string;
  userId: number;
  workstation: string;
  method: string;
  access: string;
  accounts: string;
  documents: string;
  detail: string;
}

/** What the trail holds, with the views of the last second moved into it. */
function last(): Row {
  flushTrail(ctx.db);
  return ctx.db
    .prepare(
      `SELECT id, at, user_id AS userId, workstation, method, access, accounts, documents, detail
       FROM audit_log ORDER BY id DESC LIMIT 1`,
    )
    .get() as Row;
}

/** Entries in the trail, with the views of the last second moved into it first. */
function entries(): number {
  flushTrail(ctx.db);
  return (ctx.db.prepare(`SELECT count(*) AS n FROM audit_log`).get() as { n: number }).n;
}

const ids = (text: string) => (text === '' ? [] : text.slice(1, -1).split(',').map(Number));

const sorted = (list: number[]) => [...new Set(list)].sort((a, b) => a - b);

const first = (sql: string): number => (ctx.db.prepare(sql).get() as { id: number }).id;

describe('the audit trail records each view of patient data', () => {
  it('an account opened: who, when, where, which account', () => {
    const accountId = first(`SELECT id FROM accounts ORDER BY id DESC LIMIT 1`);
    call(ctx, 'getAccount', { accountId });
    expect(last()).toMatchObject({
      at: ctx.clock.now(),
      userId: ctx.userId,
      workstation: os.hostname(),
      method: 'getAccount',
      access: 'read',
      accounts: `,${accountId},`,
      documents: '',
    });
  });

  it('a search: the words asked and every account it answered with', () => {
    const found = call(ctx, 'search', { query: 'smith' });
    expect(found.results.length).toBeGreaterThan(0);
    const entry = last();
    expect(entry.method).toBe('search');
    expect(entry.detail).toContain('smith');
    expect(sorted(ids(entry.accounts))).toEqual(sorted(found.results.map((r) => r.accountId)));
  });

  it('each page of the work queue, the denials and the statement candidates: the ids on it', () => {
    const page = call(ctx, 'listQueue', { offset: 20, limit: 25 });
    expect(page.rows).toHaveLength(25);
    expect(sorted(ids(last().accounts))).toEqual(sorted(page.rows.map((r) => r.accountId)));
    expect(last().detail).toContain('"offset":20');

    const denials = call(ctx, 'listDenials', { limit: 10 });
    expect(denials.rows.length).toBeGreaterThan(0);
    expect(last().method).toBe('listDenials');
    expect(sorted(ids(last().accounts))).toEqual(sorted(denials.rows.map((r) => r.accountId)));

    const candidates = call(ctx, 'listStatementCandidates', { limit: 50 });
    expect(candidates.accounts.length).toBeGreaterThan(0);
    expect(last().method).toBe('listStatementCandidates');
    expect(sorted(ids(last().accounts))).toEqual(
      sorted([
        ...new Set(
          candidates.accounts.flatMap((a) => [...a.accountIds, ...a.held.map((h) => h.accountId)]),
        ),
      ]),
    );
  });

  it('a letter previewed, a statement filed (a write) and the filed document opened', async () => {
    const denial = ctx.db
      .prepare(
        `SELECT d.id, c.account_id AS accountId FROM denials d JOIN claims c ON c.id = d.claim_id
         ORDER BY d.id LIMIT 1`,
      )
      .get() as { id: number; accountId: number };
    const draft = await callAsync(ctx, 'draftAppeal', { denialId: denial.id });
    expect(last()).toMatchObject({ method: 'draftAppeal', accounts: `,${denial.accountId},` });
    await callAsync(ctx, 'previewAppeal', { denialId: denial.id, templateId: draft.templateId });
    expect(last()).toMatchObject({ method: 'previewAppeal', accounts: `,${denial.accountId},` });

    const accountId = first(
      // one a statement may be mailed to: no hold that refuses a statement on request
      `SELECT a.id FROM accounts a JOIN people g ON g.id = a.guarantor_id
         WHERE a.status = 'open' AND a.patient_balance > 0 AND a.insurance_balance = 0
           AND g.returned_mail = 0 AND g.deceased_date IS NULL
           AND NOT EXISTS (SELECT 1 FROM dunning_stages ds WHERE ds.account_id = a.id)
         ORDER BY a.id LIMIT 1`,
    );
    const doc = await callAsync(ctx, 'generateStatement', { accountId });
    expect(last()).toMatchObject({
      method: 'generateStatement',
      access: 'write',
      accounts: `,${accountId},`,
      documents: `,${doc.documentId},`,
    });
    await callAsync(ctx, 'getDocumentFile', { documentId: doc.documentId });
    expect(last()).toMatchObject({
      method: 'getDocumentFile',
      access: 'read',
      accounts: `,${accountId},`,
      documents: `,${doc.documentId},`,
    });
  });

  it("keeps no entry for a read of the office's settings, and none for a refused request", () => {
    const before = entries();
    call(ctx, 'getFacility', {});
    call(ctx, 'getBillingRules', {});
    expect(dispatch(ctx, 'getAccount', { accountId: -1 }).ok).toBe(false);
    expect(entries()).toBe(before);
  });
});

describe('the audit trail records every write', () => {
  it('in the same transaction as the write: a note and who wrote it', () => {
    const accountId = first(`SELECT id FROM accounts ORDER BY id LIMIT 1`);
    const note = call(ctx, 'addActivity', { accountId, kind: 'note', text: 'Called, no answer' });
    expect(last()).toMatchObject({
      method: 'addActivity',
      access: 'write',
      userId: ctx.userId,
      accounts: `,${accountId},`,
    });
    expect(note.id).toBeGreaterThan(0);
  });

  it('and nothing for a write that was refused', () => {
    const before = entries();
    const accountId = first(`SELECT id FROM accounts ORDER BY id LIMIT 1`);
    expect(dispatch(ctx, 'addActivity', { accountId, kind: 'note', text: '' }).ok).toBe(false);
    expect(entries()).toBe(before);
  });
});

describe('secrets', () => {
  it('records a PIN being set without the PIN itself', () => {
    call(ctx, 'setOwnSecret', { kind: 'pin', secret: '482913' });
    const entry = last();
    expect(entry.method).toBe('setOwnSecret');
    expect(entry.detail).not.toContain('482913');
    expect(entry.detail).toContain('(not kept)');
  });
});

describe('the audit view', () => {
  it("finds an account's entries by its number, and records its own export", () => {
    const account = ctx.db
      .prepare(`SELECT id, account_number AS number FROM accounts ORDER BY id DESC LIMIT 1`)
      .get() as { id: number; number: string };
    const page = call(ctx, 'listAuditTrail', { accountNumber: account.number, purpose: 'export' });
    expect(page.total).toBeGreaterThan(0);
    for (const row of page.rows) expect(row.accounts.map((a) => a.id)).toContain(account.id);
    expect(page.rows.map((r) => r.method)).toContain('getAccount');
    expect(last()).toMatchObject({ method: 'listAuditTrail', userId: ctx.userId });
    expect(last().detail).toContain('"purpose":"export"');
    expect(ids(last().accounts)).toContain(account.id);
  });
});

describe('the chain', () => {
  it('verifies on demand over every entry', () => {
    const check = call(ctx, 'verifyAuditTrail', {});
    expect(check).toMatchObject({ ok: true, problems: [] });
    expect(check.checked).toBe(check.total);
    expect(check.total).toBeGreaterThan(8);
  });

  it('cannot be changed or shortened through SQL while its triggers stand', () => {
    expect(() => ctx.db.prepare(`UPDATE audit_log SET detail = 'x' WHERE id = 1`).run()).toThrow(
      /cannot be changed/,
    );
    expect(() => ctx.db.prepare(`DELETE FROM audit_log WHERE id = 1`).run()).toThrow(
      /cannot be changed/,
    );
  });

  it("keeps a view's entry in its file while another workstation holds the database, then chains it", () => {
    const other = new Database(ctx.databasePath);
    const accountId = first(`SELECT id FROM accounts ORDER BY id LIMIT 1 OFFSET 3`);
    const before = entries();
    other.exec('BEGIN IMMEDIATE');
    try {
      // the view is answered, its entry kept beside the database meanwhile
      expect(dispatch(ctx, 'getAccount', { accountId }).ok).toBe(true);
      flushTrail(ctx.db);
      expect((ctx.db.prepare(`SELECT count(*) AS n FROM audit_log`).get() as { n: number }).n).toBe(
        before,
      );
      const [file] = fs
        .readdirSync(ctx.dir)
        .filter((f) => f.startsWith(`test.sqlite.audit-pending.${process.pid}.`));
      expect(file).toBeDefined();
      expect(fs.readFileSync(`${ctx.dir}/${file}`, 'utf8')).toContain(`,${accountId},`);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    call(ctx, 'getAccount', { accountId });
    flushTrail(ctx.db);
    const moved = ctx.db
      .prepare(`SELECT method, accounts, uid FROM audit_log WHERE id > ? ORDER BY id`)
      .all(before) as { method: string; accounts: string; uid: string | null }[];
    expect(moved.map((m) => [m.method, m.accounts, m.uid !== null])).toEqual([
      ['getAccount', `,${accountId},`, true],
      ['getAccount', `,${accountId},`, true],
    ]);
    expect(fs.readdirSync(ctx.dir).filter((f) => f.includes('.audit-pending'))).toEqual([]);
    expect(leftoverJournals(ctx.databasePath)).toEqual([]);
    expect(call(ctx, 'verifyAuditTrail', {}).ok).toBe(true);
  });
});
