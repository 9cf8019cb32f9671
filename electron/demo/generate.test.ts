import type { AccountId } from '../../shared/ids';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGING_BUCKET_KEYS, type AgingBucketKey } from '../../shared/aging/buckets';
import type { DemoLoadResult } from '../../shared/api/app';
import { REASON_CODES, REMARK_CODES } from '../../shared/codes/adjustment-codes';
import { ACCOUNT_STATUS, CLAIM_STATUS, FINANCIAL_CLASS } from '../../shared/codes/enums';
import { addDays, isoDate, type IsoDate } from '../../shared/dates/iso-date';
import type { Db } from '../db/open';
import { accountAging } from '../ledger/ledger';
import { queueRank } from '../queue/priority';
import { call } from '../testing/call';
import { createTestCtx } from '../testing/test-db';
import { buildHospital, generateDemoData } from './generate';
import { isValidNpi } from '../../shared/codes/npi';

const TODAY: IsoDate = isoDate('2026-06-15');
type TestCtx = ReturnType<typeof createTestCtx>;

function all<T>(db: Db, sql: string, ...params: unknown[]): T[] {
  return db.prepare(sql).all(...params) as T[];
}

function one<T>(db: Db, sql: string, ...params: unknown[]): T {
  return db.prepare(sql).get(...params) as T;
}

function n(db: Db, sql: string, ...params: unknown[]): number {
  return one<{ n: number }>(db, sql, ...params).n;
}

/** A fingerprint of every row of every table, to compare two databases. */
function fingerprint(db: Db): Record<string, string> {
  const tables = all<{ name: string }>(
    db,
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
  );
  return Object.fromEntries(
    tables.map(({ name }) => {
      const hash = createHash('sha256');
      for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).iterate()) {
        hash.update(JSON.stringify(row));
      }
      return [name, hash.digest('hex')];
    }),
  );
}

let ctx: TestCtx;
let result: DemoLoadResult;

// building the demo hospital takes 6-8 s alone, more on a machine busy with other tests
beforeAll(() => {
  ctx = createTestCtx(TODAY);
  result = generateDemoData(ctx.db, { today: TODAY, now: ctx.clock.now(), scale: 'demo' });
}, 60_000);
afterAll(() => ctx.close());

describe('the demo hospital', () => {
  it('has the size of a small hospital', () => {
    expect(result.accounts).toBe(5_000);
    expect(result.patients).toBeGreaterThan(1_700);
    expect(result.patients).toBeLessThan(2_300);
    expect(result.claims).toBeGreaterThan(4_000);
    expect(result.claims).toBeLessThan(8_000);
    expect(result.ledgerEntries).toBeGreaterThan(35_000);
    expect(result.ledgerEntries).toBeLessThan(80_000);
    expect(n(ctx.db, `SELECT count(*) AS n FROM accounts`)).toBe(result.accounts);
    expect(n(ctx.db, `SELECT count(*) AS n FROM ledger_entries`)).toBe(result.ledgerEntries);
  });

  it('has a facility, payers with their windows, and staff next to the signed-in user', () => {
    const facility = one<{ name: string; npi: string; tax_id: string; phone: string }>(
      ctx.db,
      `SELECT * FROM facility WHERE id = 1`,
    );
    expect(facility.name).toMatch(/Medical Center/);
    expect(facility.npi).toMatch(/^\d{10}$/);
    expect(isValidNpi(facility.npi)).toBe(true);
    expect(facility.tax_id).toMatch(/^\d{2}-\d{7}$/);

    const payers = all<{
      financial_class: string;
      appeal_window_days: number;
      timely_filing_days: number;
      payer_code: string;
      appeals_line1: string | null;
    }>(ctx.db, `SELECT * FROM payers`);
    expect(payers.length).toBeGreaterThanOrEqual(6);
    const medicare = payers.find((p) => p.financial_class === 'medicare');
    expect(medicare).toMatchObject({ appeal_window_days: 120, timely_filing_days: 365 });
    expect(payers.some((p) => p.financial_class === 'medicaid')).toBe(true);
    for (const p of payers) {
      expect(FINANCIAL_CLASS.keys).toContain(p.financial_class);
      expect(p.appeal_window_days).toBeGreaterThanOrEqual(60);
      expect(p.appeal_window_days).toBeLessThanOrEqual(180);
      expect(p.appeals_line1).toBeTruthy();
    }

    const users = all<{ id: number; username: string; role: string }>(
      ctx.db,
      `SELECT * FROM users`,
    );
    expect(users.find((u) => u.id === ctx.userId)?.username).toBe('rep.one');
    expect(users.filter((u) => u.role === 'supervisor')).toHaveLength(1);
    expect(users.filter((u) => u.role === 'representative').length).toBeGreaterThanOrEqual(5);
  });

  it('formats people the way search expects', () => {
    const bad = n(
      ctx.db,
      `SELECT count(*) AS n FROM people WHERE phone IS NOT NULL AND (
         phone NOT GLOB '([0-9][0-9][0-9]) [0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'
         OR phone_digits <> substr(phone, 2, 3) || substr(phone, 7, 3) || substr(phone, 11, 4))`,
    );
    expect(bad).toBe(0);
    expect(n(ctx.db, `SELECT count(*) AS n FROM people WHERE returned_mail = 1`)).toBeGreaterThan(
      0,
    );
    expect(
      n(ctx.db, `SELECT count(*) AS n FROM people WHERE deceased_date IS NOT NULL`),
    ).toBeGreaterThan(0);
    // some people moved: more than one address on file
    expect(
      n(
        ctx.db,
        `SELECT count(*) AS n FROM (SELECT person_id FROM addresses GROUP BY person_id HAVING count(*) > 1)`,
      ),
    ).toBeGreaterThan(50);
    expect(
      n(ctx.db, `SELECT count(*) AS n FROM accounts WHERE guarantor_id <> patient_id`),
    ).toBeGreaterThan(100);
    expect(
      n(
        ctx.db,
        `SELECT count(*) AS n FROM accounts WHERE account_number NOT GLOB 'A[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'`,
      ),
    ).toBe(0);
    expect(
      n(
        ctx.db,
        `SELECT count(*) AS n FROM coverages cv JOIN payers p ON p.id = cv.payer_id
        WHERE p.financial_class = 'medicare' AND cv.member_id NOT GLOB '[1-9][A-Z][A-Z0-9][0-9][A-Z][A-Z0-9][0-9][A-Z][A-Z][0-9][0-9]'`,
      ),
    ).toBe(0);
  });

  it('has claims in every status and accounts in every financial class', () => {
    const statuses = all<{ status: string }>(ctx.db, `SELECT DISTINCT status FROM claims`).map(
      (r) => r.status,
    );
    // a rejection comes only from a clearinghouse's 277 acknowledgment, which the demo has none of
    const demoStatuses = CLAIM_STATUS.keys.filter((k) => k !== 'rejected');
    expect([...statuses].sort()).toEqual([...demoStatuses].sort());
    const classes = all<{ c: string }>(
      ctx.db,
      `SELECT DISTINCT financial_class AS c FROM accounts`,
    ).map((r) => r.c);
    expect([...classes].sort()).toEqual([...FINANCIAL_CLASS.keys].sort());
    const accountStatuses = all<{ s: string }>(
      ctx.db,
      `SELECT DISTINCT status AS s FROM accounts`,
    ).map((r) => r.s);
    for (const s of accountStatuses) expect(ACCOUNT_STATUS.keys).toContain(s);
    expect(accountStatuses).toEqual(expect.arrayContaining(['open', 'closed']));
    expect(
      n(
        ctx.db,
        `SELECT count(*) AS n FROM accounts WHERE status = 'closed' AND (insurance_balance <> 0 OR patient_balance <> 0)`,
      ),
    ).toBe(0);
  });

  it('gives claims lines whose charges add up, with unique numbers', () => {
    expect(
      n(
        ctx.db,
        `SELECT count(*) AS n FROM claims c
        WHERE total_charge <> (SELECT sum(charge) FROM claim_lines l WHERE l.claim_id = c.id)`,
      ),
    ).toBe(0);
    expect(
      n(ctx.db, `SELECT count(*) AS n FROM claims WHERE claim_number NOT GLOB 'C[0-9]*'`),
    ).toBe(0);
    expect(
      n(
        ctx.db,
        `SELECT count(*) AS n FROM claims WHERE status IN ('paid', 'partially_paid', 'denied', 'appealed', 'reversed')
        AND (payer_claim_number IS NULL OR remit_date IS NULL OR billed_date IS NULL)`,
      ),
    ).toBe(0);
    const codes = all<{ code: string }>(
      ctx.db,
      `SELECT DISTINCT procedure_code AS code FROM claim_lines`,
    ).map((r) => r.code);
    expect(codes).toEqual(
      expect.arrayContaining(['99284', '80053', '71046', '85025', '36415', 'J1885']),
    );
    const revenue = all<{ code: string }>(
      ctx.db,
      `SELECT DISTINCT revenue_code AS code FROM claim_lines`,
    ).map((r) => r.code);
    expect(revenue).toEqual(expect.arrayContaining(['0450', '0300', '0320', '0250', '0636']));
    expect(
      n(ctx.db, `SELECT count(*) AS n FROM claim_lines WHERE modifiers IN ('25', '59')`),
    ).toBeGreaterThan(0);
  });

  it('explains denials with real CARC and RARC codes', () => {
    const deniedWithoutReason = n(
      ctx.db,
      `SELECT count(*) AS n FROM claims c WHERE status = 'denied' AND NOT EXISTS (
         SELECT 1 FROM claim_adjustments a WHERE a.claim_id = c.id AND a.group_code = 'CO' AND a.reason_code <> '45')`,
    );
    expect(deniedWithoutReason).toBe(0);
    const reasons = all<{ code: string }>(
      ctx.db,
      `SELECT DISTINCT reason_code AS code FROM claim_adjustments`,
    ).map((r) => r.code);
    for (const r of reasons) expect(REASON_CODES[r], `reason ${r}`).toBeDefined();
    expect(reasons).toEqual(
      expect.arrayContaining([
        '1',
        '2',
        '3',
        '16',
        '18',
        '22',
        '27',
        '29',
        '31',
        '45',
        '50',
        '96',
        '97',
        '151',
        '197',
      ]),
    );
    const remarks = all<{ code: string }>(ctx.db, `SELECT DISTINCT code FROM claim_remarks`).map(
      (r) => r.code,
    );
    for (const r of remarks) expect(REMARK_CODES[r], `remark ${r}`).toBeDefined();
    expect(remarks).toEqual(
      expect.arrayContaining(['N115', 'N386', 'N54', 'MA130', 'MA04', 'M15', 'N130']),
    );
    // remarks travel with the code they explain
    const pairs = all<{ reason: string; code: string }>(
      ctx.db,
      `SELECT DISTINCT a.reason_code AS reason, r.code FROM claim_remarks r
       JOIN claim_adjustments a ON a.claim_id = r.claim_id AND a.group_code = 'CO' AND a.reason_code <> '45'
       WHERE r.code IN ('N54', 'MA04', 'M15')`,
    );
    expect(pairs).toEqual(
      expect.arrayContaining([
        { reason: '197', code: 'N54' },
        { reason: '22', code: 'MA04' },
        { reason: '97', code: 'M15' },
      ]),
    );
  });

  it('keeps every cached balance equal to the ledger', () => {
    const mismatched = n(
      ctx.db,
      `SELECT count(*) AS n FROM accounts a WHERE
         insurance_balance <> (SELECT ifnull(sum(amount), 0) FROM ledger_entries l WHERE l.account_id = a.id AND side = 'insurance')
         OR patient_balance <> (SELECT ifnull(sum(amount), 0) FROM ledger_entries l WHERE l.account_id = a.id AND side = 'patient')`,
    );
    expect(mismatched).toBe(0);
    const accounts = all<{ id: AccountId; oldest: IsoDate | null }>(
      ctx.db,
      `SELECT id, oldest_open_date AS oldest FROM accounts`,
    );
    for (const a of accounts)
      expect(accountAging(ctx.db, a.id, TODAY).oldestOpenDate).toBe(a.oldest);
  });

  it('writes a ledger a billing office would recognise', () => {
    const reasons = all<{ code: string | null }>(
      ctx.db,
      `SELECT DISTINCT reason_code AS code FROM ledger_entries`,
    ).map((r) => r.code);
    expect(reasons).toEqual(expect.arrayContaining(['CO-45', 'PR-1', 'PR-2', 'PR-3']));
    expect(
      n(
        ctx.db,
        `SELECT count(*) AS n FROM ledger_entries WHERE reason_code = 'CO-45' AND (kind <> 'adjustment' OR side <> 'insurance')`,
      ),
    ).toBe(0);
    // patient responsibility moves as transfer pairs that net to zero
    expect(
      n(ctx.db, `SELECT ifnull(sum(amount), 0) AS n FROM ledger_entries WHERE kind = 'transfer'`),
    ).toBe(0);
    expect(
      n(
        ctx.db,
        `SELECT count(*) AS n FROM ledger_entries WHERE kind = 'payment' AND side = 'patient'`,
      ),
    ).toBeGreaterThan(500);
    expect(
      n(ctx.db, `SELECT count(*) AS n FROM ledger_entries WHERE reverses_id IS NOT NULL`),
    ).toBeGreaterThan(0);
    expect(
      n(
        ctx.db,
        `SELECT count(*) AS n FROM ledger_entries r JOIN ledger_entries o ON o.id = r.reverses_id
        WHERE o.account_id <> r.account_id OR o.amount <> -r.amount OR o.side <> r.side OR r.id < o.id`,
      ),
    ).toBe(0);
    expect(
      n(ctx.db, `SELECT count(*) AS n FROM accounts WHERE patient_balance < 0`),
    ).toBeGreaterThan(0);
    expect(
      n(
        ctx.db,
        `SELECT count(*) AS n FROM accounts WHERE financial_class = 'self_pay' AND insurance_balance <> 0`,
      ),
    ).toBe(0);

    const buckets = new Set<AgingBucketKey>();
    for (const { id } of all<{ id: AccountId }>(
      ctx.db,
      `SELECT id FROM accounts WHERE patient_balance > 0`,
    )) {
      const aging = accountAging(ctx.db, id, TODAY);
      for (const k of AGING_BUCKET_KEYS) if (aging.patient[k] > 0) buckets.add(k);
    }
    expect([...buckets].sort()).toEqual([...AGING_BUCKET_KEYS].sort());
  });

  it('dates nothing after today', () => {
    const now = ctx.clock.now();
    const checks: [string, string][] = [
      ['ledger_entries', `posting_date > @today`],
      [
        'accounts',
        `service_date > @today OR discharge_date > @today OR discharge_date < service_date`,
      ],
      ['claim_lines', `service_date > @today`],
      ['claims', `billed_date > @today OR remit_date > @today OR remit_date < billed_date`],
      ['claim_adjustments', `remit_date > @today`],
      ['addresses', `effective_date > @today OR recorded_at > @now`],
      ['people', `deceased_date > @today OR date_of_birth > @today OR created_at > @now`],
      ['activities', `occurred_at > @now`],
      ['follow_ups', `created_at > @now OR completed_at > @now`],
    ];
    for (const [table, where] of checks) {
      expect(
        n(ctx.db, `SELECT count(*) AS n FROM ${table} WHERE ${where}`, { today: TODAY, now }),
        table,
      ).toBe(0);
    }
    expect(
      n(
        ctx.db,
        `SELECT count(*) AS n FROM accounts a JOIN people p ON p.id = a.patient_id WHERE a.service_date < p.date_of_birth`,
      ),
    ).toBe(0);
  });

  it("sets each denial follow-up's deadline to the remit date plus the payer's appeal window", () => {
    const rows = all<{ deadline: IsoDate; remit: IsoDate; days: number }>(
      ctx.db,
      `SELECT f.deadline_date AS deadline, c.remit_date AS remit, p.appeal_window_days AS days
       FROM follow_ups f JOIN claims c ON c.id = f.claim_id JOIN payers p ON p.id = c.payer_id
       WHERE f.kind = 'denial' AND f.status = 'open'`,
    );
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) expect(r.deadline).toBe(addDays(r.remit, r.days));
    expect(
      n(ctx.db, `SELECT count(*) AS n FROM follow_ups WHERE kind = 'denial' AND claim_id IS NULL`),
    ).toBe(0);
  });

  it('fills a work queue: every open balance has a follow-up, many due by today, ranked', () => {
    expect(
      n(
        ctx.db,
        `SELECT count(*) AS n FROM accounts a WHERE status = 'open' AND (insurance_balance <> 0 OR patient_balance <> 0)
        AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.account_id = a.id AND f.status = 'open')`,
      ),
    ).toBe(0);
    expect(
      n(
        ctx.db,
        `SELECT count(*) AS n FROM follow_ups f JOIN accounts a ON a.id = f.account_id WHERE a.status <> 'open' AND f.status = 'open'`,
      ),
    ).toBe(0);
    const open = n(ctx.db, `SELECT count(*) AS n FROM follow_ups WHERE status = 'open'`);
    const due = n(
      ctx.db,
      `SELECT count(*) AS n FROM follow_ups WHERE status = 'open' AND due_date <= ?`,
      TODAY,
    );
    expect(due / open).toBeGreaterThan(0.35);
    expect(due / open).toBeLessThan(0.85);
    expect(
      n(
        ctx.db,
        `SELECT count(*) AS n FROM follow_ups WHERE status = 'open' AND (due_date < ? OR due_date > ?)`,
        addDays(TODAY, -60),
        addDays(TODAY, 60),
      ),
    ).toBe(0);
    expect(
      n(ctx.db, `SELECT count(*) AS n FROM follow_ups WHERE status = 'open' AND owner_id IS NULL`),
    ).toBeGreaterThan(0);
    expect(n(ctx.db, `SELECT count(*) AS n FROM follow_ups WHERE status = 'done'`)).toBeGreaterThan(
      0,
    );
    const kinds = all<{ kind: string }>(
      ctx.db,
      `SELECT DISTINCT kind FROM follow_ups WHERE status = 'open'`,
    ).map((r) => r.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'account',
        'callback',
        'promise',
        'denial',
        'claim_status',
        'statement',
      ]),
    );

    const rows = all<{
      rank: number;
      balance: number;
      oldestOpenDate: IsoDate | null;
      dueDate: IsoDate;
      deadlineDate: IsoDate | null;
    }>(
      ctx.db,
      `SELECT f.rank, a.insurance_balance + a.patient_balance AS balance, a.oldest_open_date AS oldestOpenDate,
         f.due_date AS dueDate, f.deadline_date AS deadlineDate
       FROM follow_ups f JOIN accounts a ON a.id = f.account_id WHERE f.status = 'open'`,
    );
    for (const r of rows) expect(r.rank).toBe(queueRank(r, TODAY));
  });

  it('records notes and calls with outcomes', () => {
    const calls = all<{ outcome: string | null; party: string | null; direction: string | null }>(
      ctx.db,
      `SELECT DISTINCT outcome, party, direction FROM activities WHERE kind = 'call'`,
    );
    expect(calls.length).toBeGreaterThan(5);
    for (const c of calls) {
      expect(c.outcome).not.toBeNull();
      expect(c.party).not.toBeNull();
      expect(c.direction).not.toBeNull();
    }
    expect(n(ctx.db, `SELECT count(*) AS n FROM activities WHERE kind = 'note'`)).toBeGreaterThan(
      1_000,
    );
    expect(n(ctx.db, `SELECT count(DISTINCT user_id) AS n FROM activities`)).toBeGreaterThanOrEqual(
      5,
    );
  });

  it('starts converted accounts at the stage their history shows, not at a first statement', () => {
    // accounts still owing whose history says a final notice was mailed
    const finals = all<{ id: AccountId; last: string }>(
      ctx.db,
      `SELECT a.id, max(substr(act.occurred_at, 1, 10)) AS last FROM accounts a
         JOIN activities act ON act.account_id = a.id AND act.body LIKE 'Final notice mailed%'
        WHERE a.status = 'open' AND a.patient_balance > 0 GROUP BY a.id`,
    );
    expect(finals.length).toBeGreaterThan(20);
    for (const { id, last } of finals) {
      const dunning = call(ctx, 'getAccountDunning', { accountId: id });
      expect(dunning, `account ${id}`).toMatchObject({
        stage: expect.stringMatching(/^(final_notice|pre_collection)$/),
        statementsSent: 4,
        lastStatementDate: last,
      });
    }
    const stages = all<{ stage: number; sent: number }>(
      ctx.db,
      `SELECT DISTINCT stage, statements_sent AS sent FROM dunning_stages ORDER BY sent, stage`,
    );
    // the count mailed before gives the stage: one step per statement, at most a final notice
    for (const { stage, sent } of stages) expect(stage).toBeLessThanOrEqual(Math.min(sent - 1, 3));
    expect(stages.map((r) => r.sent)).toContain(1);
  });

  it('works through the app: the first queue page and an account open', () => {
    const queue = call(ctx, 'listQueue', {});
    expect(queue.rows).toHaveLength(100);
    expect(queue.total).toBeGreaterThan(500);
    for (const r of queue.rows) expect(r.dueDate <= TODAY).toBe(true);
    const first = queue.rows[0];
    if (!first) throw new Error('empty queue');
    const account = call(ctx, 'getAccount', { accountId: first.accountId });
    expect(account.ledger.length).toBeGreaterThan(0);
    expect(account.balance.total).toBe(first.balance);
  });
});

describe('generating', () => {
  it('gives the same database for the same seed and today, and another for another seed', () => {
    const a = createTestCtx(TODAY);
    const b = createTestCtx(TODAY);
    const c = createTestCtx(TODAY);
    try {
      const options = {
        today: TODAY,
        now: a.clock.now(),
        accounts: 800,
        accountsPerTransaction: Number.POSITIVE_INFINITY,
        seed: 7,
      };
      buildHospital(a.db, options);
      buildHospital(b.db, options);
      buildHospital(c.db, { ...options, seed: 8 });
      const fa = fingerprint(a.db);
      expect(fingerprint(b.db)).toEqual(fa);
      const fc = fingerprint(c.db);
      expect(fc.accounts).not.toBe(fa.accounts);
      expect(fc.ledger_entries).not.toBe(fa.ledger_entries);
    } finally {
      a.close();
      b.close();
      c.close();
    }
  });

  it('gives the same demo database twice', () => {
    const other = createTestCtx(TODAY);
    try {
      generateDemoData(other.db, { today: TODAY, now: other.clock.now(), scale: 'demo' });
      const mine = fingerprint(ctx.db);
      const theirs = fingerprint(other.db);
      for (const table of [
        'people',
        'addresses',
        'accounts',
        'claims',
        'claim_lines',
        'ledger_entries',
        'follow_ups',
        'activities',
      ]) {
        expect(theirs[table], table).toBe(mine[table]);
      }
    } finally {
      other.close();
    }
  });

  it('writes the same rows whether in one transaction or in chunks, reporting progress', () => {
    const whole = createTestCtx(TODAY);
    const chunked = createTestCtx(TODAY);
    try {
      const options = { today: TODAY, now: whole.clock.now(), accounts: 1_000, seed: 3 };
      buildHospital(whole.db, { ...options, accountsPerTransaction: Number.POSITIVE_INFINITY });
      const progress: number[] = [];
      buildHospital(chunked.db, {
        ...options,
        accountsPerTransaction: 250,
        onProgress: (done, total) => progress.push(done / total),
      });
      expect(fingerprint(chunked.db)).toEqual(fingerprint(whole.db));
      expect(progress.length).toBeGreaterThanOrEqual(3);
      expect(progress.at(-1)).toBe(1);
      expect([...progress].sort((x, y) => x - y)).toEqual(progress);
    } finally {
      whole.close();
      chunked.close();
    }
  });

  it('refuses a database that already has accounts', () => {
    expect(() =>
      generateDemoData(ctx.db, { today: TODAY, now: ctx.clock.now(), scale: 'demo' }),
    ).toThrow(/empty database/);
    expect(n(ctx.db, `SELECT count(*) AS n FROM accounts`)).toBe(5_000);
  });

  it('writes nothing when a demo load fails part way', () => {
    const failing = createTestCtx(TODAY);
    try {
      expect(() =>
        generateDemoData(failing.db, {
          today: TODAY,
          now: failing.clock.now(),
          scale: 'demo',
          onProgress: () => {
            throw new Error('stopped');
          },
        }),
      ).toThrow('stopped');
      for (const table of ['accounts', 'people', 'payers', 'ledger_entries', 'facility']) {
        expect(n(failing.db, `SELECT count(*) AS n FROM ${table}`), table).toBe(0);
      }
      expect(n(failing.db, `SELECT count(*) AS n FROM users`)).toBe(1);
    } finally {
      failing.close();
    }
  });
});
