/**
 * What both office benchmarks stand on: a demo hospital copied to one SQLite file per
 * desktop, the office made from the first copy and joined by the others, a
 * representative's actions on its accounts, and the check that every copy ended where
 * the server is.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { AccountId, FollowUpId, ReceiptId, UserId } from '../../../shared/ids';
import { addDays } from '../../../shared/dates/iso-date';
import { cents } from '../../../shared/money/cents';
import { call } from '../../testing/call';
import type { Ctx } from '../../core/context';
import { closeDatabase, openDatabase, type Db } from '../../db/open';
import { all, one } from '../../db/query';
import { buildHospital } from '../../demo/generate';
import type { Rng } from '../../demo/random';
import type { ServerConfig } from '../../office/server/connection';
import { OfficeSync } from '../../office/sync';
import { deskLogin } from '../../testing/office/desk-login';
import { serverState, syncedState, withoutBaseNotes } from '../../testing/office/desktops';
import { moneyState } from '../../testing/office/money';
import { ensureUser } from '../../users/users';
import { BENCH_CLOCK, BENCH_TODAY } from '../build';

/** A fresh, empty database in the cluster the run uses, as an office's server starts. */
export type NewDatabase = () => Promise<ServerConfig>;

export interface OfficeFiles {
  /** one open copy per desktop, each signed in as a representative of its own */
  ctxs: Ctx[];
  /** the accounts the representatives work: ones the patient owes on */
  accountIds: AccountId[];
  /** closes every copy and removes the folder */
  remove(): void;
}

/**
 * A demo hospital of `accounts` accounts, copied once per desktop; the accounts worked are
 * the first that the patient owes on, plans and promises among them.
 */
export function officeFiles(opts: {
  accounts: number;
  desktops: number;
  worked: number;
  seed: number;
}): OfficeFiles {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-office-bench-'));
  const ctxs: Ctx[] = [];
  try {
    const base = openDatabase(path.join(dir, 'base.sqlite'));
    let accountIds: AccountId[];
    try {
      buildHospital(base, {
        today: BENCH_TODAY,
        now: BENCH_CLOCK.now(),
        accounts: opts.accounts,
        accountsPerTransaction: Number.POSITIVE_INFINITY,
        seed: opts.seed,
      });
      accountIds = workedAccounts(base, opts.worked);
      for (let i = 0; i < opts.desktops; i++) {
        ensureUser(
          base,
          `office.rep.${i + 1}`,
          `Office Representative ${i + 1}`,
          BENCH_CLOCK.now(),
        );
      }
      for (let i = 0; i < opts.desktops; i++) {
        base.exec(`VACUUM INTO '${path.join(dir, `desktop-${i + 1}.sqlite`)}'`);
      }
    } finally {
      closeDatabase(base);
    }
    for (let i = 0; i < opts.desktops; i++) {
      const databasePath = path.join(dir, `desktop-${i + 1}.sqlite`);
      const db = openDatabase(databasePath);
      const userId = one<{ id: UserId }>(
        db,
        `SELECT id FROM users WHERE username = ?`,
        `office.rep.${i + 1}`,
      )?.id;
      if (userId === undefined) throw new Error('bench: a desktop lost its representative');
      ctxs.push({ db, clock: BENCH_CLOCK, userId, databasePath });
    }
    return {
      ctxs,
      accountIds,
      remove() {
        for (const ctx of ctxs) closeDatabase(ctx.db);
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const ctx of ctxs) closeDatabase(ctx.db);
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function workedAccounts(db: Db, count: number): AccountId[] {
  const ids = all<{ id: AccountId }>(
    db,
    `SELECT a.id FROM accounts a WHERE a.patient_balance > 0
       ORDER BY a.id LIMIT ?`,
    count,
  ).map((r) => r.id);
  if (ids.length < count) {
    throw new Error(`bench: the demo hospital has ${ids.length} accounts to work, not ${count}`);
  }
  return ids;
}

/**
 * As an office is set up: the supervisor's owner login (`server`) makes the office from the
 * first copy, uploading its follow-ups; then every desktop connects with a login of its
 * own, made as the README makes one, the first taking over its desk, the others joining.
 * Returns each desktop's own server settings: what it syncs with from then on, held by the
 * server's row-level security to its own desk.
 */
export async function formOffice(
  server: ServerConfig,
  ctxs: readonly Ctx[],
): Promise<ServerConfig[]> {
  const first = ctxs[0];
  if (!first) throw new Error('bench: an office needs a desktop');
  await linked(first, server, 'desktop 1', (sync) => sync.createOffice());
  const logins: ServerConfig[] = [];
  for (const [i, ctx] of ctxs.entries()) {
    const login = await deskLogin(server);
    // the first desk was the owner's: its own login takes it on connecting
    await linked(ctx, login, `desktop ${i + 1}`, (sync) =>
      i === 0 ? Promise.resolve() : sync.joinOffice(),
    );
    logins.push(login);
  }
  // what is measured is desks under the policies: none may have stayed the owner's
  const client = new pg.Client(server);
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM desks WHERE login = ANY($1::text[])`,
      [logins.map((l) => l.user)],
    );
    if (rows[0]?.n !== ctxs.length) throw new Error('bench: a desktop is not its own login');
  } finally {
    await client.end();
  }
  return logins;
}

async function linked(
  ctx: Ctx,
  config: ServerConfig,
  name: string,
  then: (sync: OfficeSync) => Promise<unknown>,
): Promise<void> {
  const sync = new OfficeSync(ctx, config, name);
  try {
    const schema = await sync.connect();
    if (!schema.ok) throw new Error(schema.message);
    await then(sync);
  } finally {
    await sync.close();
  }
}

export type ActionKind = 'note' | 'reschedule' | 'complete' | 'pay' | 'reverse';

/**
 * A representative's day in proportion: mostly notes, then follow-ups moved and closed,
 * payments taken, and now and then a payment reversed.
 */
export const ACTION_MIX: readonly (readonly [ActionKind, number])[] = [
  ['note', 50],
  ['reschedule', 20],
  ['complete', 8],
  ['pay', 17],
  ['reverse', 5],
];

/**
 * One request at one desktop through dispatch, as the screens send it. A completion with
 * no open follow-up sets one instead, a reversal with no payment of this office to reverse
 * takes a payment: a request is always made. Returns what was done; throws when the
 * desktop refused it, which none of these should be.
 */
export function representativeAction(
  ctx: Ctx,
  accountId: AccountId,
  wanted: ActionKind,
  rng: Rng,
  n: number,
): ActionKind {
  const today = ctx.clock.today();
  let kind = wanted;
  let followUpId: FollowUpId | undefined;
  let receiptId: ReceiptId | undefined;
  if (kind === 'complete') {
    followUpId = one<{ id: FollowUpId }>(
      ctx.db,
      `SELECT id FROM follow_ups WHERE account_id = ? AND status = 'open'
         AND kind IN ('account', 'callback') ORDER BY id LIMIT 1`,
      accountId,
    )?.id;
    if (followUpId === undefined) kind = 'reschedule';
  }
  if (kind === 'reverse') {
    // a payment taken since the office was made (base payments are older and larger: a
    // reversal of one could go over the day's approval limit and wait for a supervisor)
    receiptId = one<{ id: ReceiptId }>(
      ctx.db,
      `SELECT r.id FROM receipts r JOIN sync_rows s ON s.tbl = 'receipts' AND s.local_id = r.id
         WHERE r.account_id = ? AND r.reverses_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM receipts x WHERE x.reverses_id = r.id)
         ORDER BY r.id DESC LIMIT 1`,
      accountId,
    )?.id;
    if (receiptId === undefined) kind = 'pay';
  }
  // through dispatch, as the screens send it; a refusal fails the bench with its reason
  if (kind === 'note') {
    call(ctx, 'addActivity', { accountId, kind: 'note', text: `Bench note ${n}` });
  } else if (kind === 'reschedule') {
    call(ctx, 'setFollowUp', {
      accountId,
      kind: 'account',
      dueDate: addDays(today, rng.int(1, 30)),
    });
  } else if (kind === 'complete' && followUpId !== undefined) {
    call(ctx, 'completeFollowUp', { followUpId });
  } else if (kind === 'reverse' && receiptId !== undefined) {
    call(ctx, 'reversePayment', { receiptId, reason: 'Keyed twice' });
  } else {
    call(ctx, 'takePayment', {
      accountId,
      amount: cents(rng.int(500, 5_000)),
      method: 'cash',
      receivedDate: today,
    });
  }
  return kind;
}

/** The outbox entries a desktop wrote after `afterSeq`, with the rows each carries. */
export function entriesAfter(
  db: Db,
  afterSeq: number,
): { seq: number; rows: { tbl: string; gid: string; version: number }[] }[] {
  return all<{ seq: number; changes: string }>(
    db,
    `SELECT seq, changes FROM outbox WHERE seq > ? ORDER BY seq`,
    afterSeq,
  ).map((e) => ({
    seq: e.seq,
    rows: (JSON.parse(e.changes) as { tbl: string; gid: string; version: number }[]).map(
      ({ tbl, gid, version }) => ({ tbl, gid, version }),
    ),
  }));
}

export interface Convergence {
  ok: boolean;
  /** each difference found, in words; empty when every copy is where the server is */
  problems: string[];
  serverNotes: number;
  serverFollowUps: number;
  serverLedgerRows: number;
}

/**
 * Every copy against the server: its notes and follow-ups (by office-wide ids) the
 * server's, its ledger and receipts the server's (the base rows came with the upload),
 * each account's balance its ledger's sum, and its outbox empty (everything sent or
 * listed as not synced).
 */
export async function checkConvergence(
  server: ServerConfig,
  ctxs: readonly Ctx[],
): Promise<Convergence> {
  const wanted = withoutBaseNotes(await serverState(server));
  const client = new pg.Client(server);
  await client.connect();
  let ledger: string[];
  let receipts: string[];
  try {
    const l = await client.query<{ s: string }>(
      `SELECT gid || ' ' || kind || ' ' || amount || ' reverses ' || coalesce(reverses_gid, '-')
         AS s FROM ledger_entries`,
    );
    const r = await client.query<{ s: string }>(
      `SELECT gid || ' ' || amount || ' reverses ' || coalesce(reverses_gid, '-') AS s
         FROM receipts`,
    );
    ledger = l.rows.map((x) => x.s).sort();
    receipts = r.rows.map((x) => x.s).sort();
  } finally {
    await client.end();
  }
  const problems: string[] = [];
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((v, i) => v === b[i]);
  for (const [i, ctx] of ctxs.entries()) {
    const at = `desktop ${i + 1}`;
    const state = withoutBaseNotes(syncedState(ctx));
    if (!same(state.notes, wanted.notes))
      problems.push(`${at}: ${state.notes.length} notes, the server ${wanted.notes.length}`);
    if (!same(state.followUps, wanted.followUps))
      problems.push(`${at}: follow-ups differ from the server's`);
    const money = moneyState(ctx);
    if (!same(money.ledger, ledger)) problems.push(`${at}: ledger rows differ from the server's`);
    if (!same(money.receipts, receipts)) problems.push(`${at}: receipts differ from the server's`);
    const off = money.balances.filter((b) => b.balance !== b.ledgerSum).length;
    if (off > 0) problems.push(`${at}: ${off} balances are not their ledger's sum`);
    const waiting = one<{ n: number }>(ctx.db, `SELECT count(*) AS n FROM outbox`)?.n ?? 0;
    if (waiting > 0) problems.push(`${at}: ${waiting} entries still in the outbox`);
  }
  return {
    ok: problems.length === 0,
    problems,
    serverNotes: wanted.notes.length,
    serverFollowUps: wanted.followUps.length,
    serverLedgerRows: ledger.length,
  };
}

/** Refused entries a desktop lists as not synced, by reason. */
export function notSyncedByReason(ctxs: readonly Ctx[]): Map<string, number> {
  const byReason = new Map<string, number>();
  for (const ctx of ctxs) {
    for (const r of all<{ reason: string; n: number }>(
      ctx.db,
      `SELECT reason, count(*) AS n FROM not_synced GROUP BY reason`,
    )) {
      // a conflict's reason goes on to name the follow-up or payment, which would make each
      // its own kind; the two reasons for entries listed with a refused one stay whole
      const kind = r.reason.startsWith('Not sent')
        ? r.reason
        : (r.reason.split(/[:(]/)[0]?.trim() ?? r.reason);
      byReason.set(kind, (byReason.get(kind) ?? 0) + r.n);
    }
  }
  return byReason;
}
