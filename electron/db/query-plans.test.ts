import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputOf, MethodName } from '../../shared/api/contract';
import { addDays, formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId, PayerId, UserId } from '../../shared/ids';
import type { QueueList } from '../../shared/api/queue';
import { fixedClock, type Ctx } from '../core/context';
import { dispatch } from '../api/dispatch';
import { makeSupervisor } from '../testing/builders';
import { buildDemoHospital } from '../testing/demo-hospital';
import { useLargeQueueCounts, useLargeStatistics } from '../testing/large-stats';
import { checkPlan, recordingConnection, type PlanOptions } from '../testing/query-plans';
import type { TestCtx } from '../testing/test-db';
import { runDailyWork } from '../upkeep/daily';
import { COUNTS_CHECK } from '../upkeep/queue-counts';
import { oneOrThrow } from './query';

/**
 * Every list a representative waits on answers within a frame at any size only if no
 * statement it runs reads a large table whole or sorts a large set: checked here on the
 * plans of exactly the statements each handler ran, planned with a million-account
 * hospital's statistics.
 */
let ctx: TestCtx;
let recording: ReturnType<typeof recordingConnection>;
let recorded: Ctx;
let ids: { accountId: AccountId; payerId: PayerId; ownerId: UserId; accountNumber: string };
let claimNumber: string;
let dateOfBirth: IsoDate;
/** The first day anything open is due: a date long past, which picks out few. */
let firstDue: IsoDate;

beforeAll(() => {
  ({ ctx } = buildDemoHospital());
  makeSupervisor(ctx);
  useLargeStatistics(ctx.db);
  recording = recordingConnection(ctx.databasePath);
  recorded = { ...ctx, db: recording.db };
  ids = oneOrThrow(
    ctx.db,
    `SELECT a.id AS accountId, f.payer_id AS payerId, u.id AS ownerId,
       a.account_number AS accountNumber
     FROM denials d JOIN follow_ups f ON f.id = d.follow_up_id
     JOIN accounts a ON a.id = f.account_id, users u ORDER BY d.id, u.id LIMIT 1`,
  );
  ({ claimNumber } = oneOrThrow<{ claimNumber: string }>(
    ctx.db,
    `SELECT claim_number AS claimNumber FROM claims ORDER BY id LIMIT 1`,
  ));
  ({ firstDue } = oneOrThrow<{ firstDue: IsoDate }>(
    ctx.db,
    `SELECT min(due_date) AS firstDue FROM follow_ups WHERE status = 'open'`,
  ));
  ({ dateOfBirth } = oneOrThrow<{ dateOfBirth: IsoDate }>(
    ctx.db,
    `SELECT date_of_birth AS dateOfBirth FROM people WHERE date_of_birth IS NOT NULL LIMIT 1`,
  ));
  // the day's first request does the day's work; what is checked is a request after it
  expect(dispatch(recorded, 'getQueueOptions', {}).ok).toBe(true);
  // after the day's work, which would count them again
  useLargeQueueCounts(ctx.db);
  const queue = dispatch(recorded, 'listQueue', {});
  // the premise of the queue's checks: it picks its index as for a million accounts
  expect(queue.ok && (queue.value as QueueList).total).toBeGreaterThan(100_000);
}, 60_000);
afterAll(() => {
  recording.db.close();
  ctx.close();
});

/** What is wrong with the plans of every read the request ran. */
function problemsOf<M extends MethodName>(
  method: M,
  input: InputOf<M>,
  options: (sql: string) => PlanOptions = () => ({}),
): string[] {
  recording.ran.length = 0;
  const result = dispatch(recorded, method, input);
  if (!result.ok) expect.fail(`${method} failed: ${result.error.message}`);
  const reads = recording.ran.filter((sql) => /^\s*(SELECT|WITH)\b/i.test(sql));
  expect(reads.length).toBeGreaterThan(0);
  return reads.flatMap((sql) => {
    const check = checkPlan(ctx.db, sql, [], options(sql));
    return check.problems.length === 0
      ? []
      : [
          `${check.problems.join('; ')}\n  in ${sql.trim().slice(0, 300)}\n  plan: ${check.plan.join(' | ')}`,
        ];
  });
}

/** The statements that pick the page's follow-ups and count them (not the rows' read). */
const PAGE_OF_IDS =
  /^\s*SELECT (f\.id, [^]*? AS sortKey|count\(\*\) AS total, [^]*?|id, sortKey) FROM (follow_ups f\b|\(SELECT f\.id)/;
/** A page sorted from the few follow-ups a date picked out, at most as many as its LIMIT. */
const SORTED_FEW = /^\s*SELECT id, sortKey FROM \(SELECT f\.id, [^()]*? LIMIT \d+\)/;

/** The queue's page must be read through a key on one of the columns it filters on. */
const QUEUE_KEYS: Record<string, string | undefined> = {
  payerId: 'payer_id',
  kind: 'kind',
  agingBucket: 'aging_bucket',
  ownerId: 'owner_id',
  dueOnOrBefore: 'due_date',
};
function queueProblems(input: InputOf<'listQueue'>): string[] {
  const keyedOn = Object.keys(input).flatMap((k) => QUEUE_KEYS[k] ?? []);
  return problemsOf('listQueue', input, (sql) => ({
    ...(keyedOn.length > 0 && PAGE_OF_IDS.test(sql) ? { keyedOn } : {}),
    boundedSort: SORTED_FEW.test(sql),
  }));
}

describe('the work queue, first page', () => {
  const filters = (): Record<string, InputOf<'listQueue'>> => ({
    payer: { payerId: ids.payerId },
    kind: { kind: 'denial' },
    'aging 91-120': { agingBucket: 'd91_120' },
    'aging over 120': { agingBucket: 'over120' },
    owner: { ownerId: ids.ownerId },
    unassigned: { ownerId: 'unassigned' },
    'due date': { dueOnOrBefore: firstDue },
  });

  it('with the default sort', () => {
    expect(problemsOf('listQueue', {})).toEqual([]);
  });

  // a count reads every entry in its range: of the follow-ups, hundreds of thousands
  it('counted from the counts kept by key, not by counting the follow-ups', () => {
    for (const input of [{}, ...Object.values(filters())]) {
      recording.ran.length = 0;
      expect(dispatch(recorded, 'listQueue', input).ok).toBe(true);
      const counts = recording.ran.filter((sql) => /\b(count|sum)\(/i.test(sql));
      expect(counts.length, JSON.stringify(input)).toBe(1);
      expect(counts[0], JSON.stringify(input)).toMatch(/\bFROM queue_counts WHERE due_date <=/);
    }
  });

  it('a later page, read from the cursor where the page before it ended', () => {
    for (const input of [{}, { payerId: ids.payerId }, { sortBy: 'dueDate' as const }]) {
      const first = dispatch(recorded, 'listQueue', { ...input, limit: 5 });
      const next = first.ok ? (first.value as QueueList).next : null;
      if (!next) return expect.fail('no second page');
      expect(queueProblems({ ...input, after: next })).toEqual([]);
    }
  });

  it('with any one filter but the due date', () => {
    const single = Object.entries(filters()).filter(([name]) => name !== 'due date');
    const found = single.map(([name, input]) => [name, queueProblems(input)] as const);
    expect(Object.fromEntries(found.filter(([, p]) => p.length > 0))).toEqual({});
  });

  // A date range cannot be read in rank order: a date long past picks out few, read by due
  // date and sorted, not by reading the rank index past every follow-up due later.
  it('with the due date alone', () => {
    expect(queueProblems(filters()['due date'] ?? {})).toEqual([]);
  });

  it('with any two filters combined', () => {
    const single = Object.entries(filters()).filter(([name]) => name !== 'unassigned');
    const found = single.flatMap(([a, first], i) =>
      single
        .slice(i + 1)
        .filter(([b]) => !(a.startsWith('aging') && b.startsWith('aging')))
        .map(([b, second]) => [`${a} + ${b}`, queueProblems({ ...first, ...second })] as const),
    );
    expect(Object.fromEntries(found.filter(([, p]) => p.length > 0))).toEqual({});
  });
});

describe('search', () => {
  it.each([
    ['a name prefix', () => 'Smi'],
    ['last name, first name', () => 'Smith, J'],
    ['first and last name', () => 'John Smith'],
  ])('by %s', (_, query) => {
    // either order: the union sorts only what each part's LIMIT let through
    const bounded = (sql: string) => ({ boundedSort: /^\s*SELECT \* FROM \(/.test(sql) });
    expect(problemsOf('search', { query: query() }, bounded)).toEqual([]);
  });

  it.each([
    ['an account number', () => ids.accountNumber.slice(0, -2)],
    ['a claim number', () => claimNumber],
    ['a date of birth', () => formatUsDate(dateOfBirth)],
  ])('by %s', (_, query) => {
    // the numbers' union sorts only what each part's LIMIT let through
    const bounded = (sql: string) => ({ boundedSort: /^\s*SELECT \* FROM \(/.test(sql) });
    expect(problemsOf('search', { query: query() }, bounded)).toEqual([]);
  });
});

describe('lists and the account', () => {
  it('opening an account', () => {
    expect(problemsOf('getAccount', { accountId: ids.accountId })).toEqual([]);
  });

  it("the denials list's first page", () => {
    // by deadline: the sort of what each group's LIMIT let through
    const bounded = (sql: string) => ({ boundedSort: /^\s*SELECT \* FROM \(/.test(sql) });
    expect(problemsOf('listDenials', {}, bounded)).toEqual([]);
  });

  it("the statement candidates' first page, a later page and their count", () => {
    expect(problemsOf('listStatementCandidates', {})).toEqual([]);
    expect(problemsOf('listStatementCandidates', { after: 'H5' })).toEqual([]);
    expect(problemsOf('countStatementCandidates', {})).toEqual([]);
  });
});

describe("the day's work", () => {
  // it runs once a day but with the main process waiting: what it reads must be the day's
  // share (the follow-ups past a boundary, the passed deadlines), not every follow-up
  it("reads each day's share through a key, the next day and a month on", () => {
    for (const days of [1, 31]) {
      recording.ran.length = 0;
      const day = { ...recorded, clock: fixedClock(addDays(recorded.clock.today(), days)) };
      // rolled back, so that the files' counts and ranks stay as the other checks need them
      recording.db.exec('BEGIN');
      try {
        runDailyWork(day);
      } finally {
        recording.db.exec('ROLLBACK');
      }
      const all = recording.ran.filter((sql) => /^\s*(SELECT|WITH)\b/i.test(sql));
      // the one read of everything left: the counts' own check, which catches a file
      // written with the triggers off by counting the open follow-ups once a day (a few
      // tens of milliseconds at a million accounts, read from the smallest open index)
      const reads = all.filter((sql) => sql !== COUNTS_CHECK);
      expect(all.length - reads.length).toBe(1);
      expect(reads.length).toBeGreaterThan(0);
      const problems = reads.flatMap((sql) => {
        const check = checkPlan(ctx.db, sql);
        return check.problems.map((p) => `${p}\n  in ${sql.trim().slice(0, 200)}`);
      });
      expect(problems).toEqual([]);
      // the open follow-ups' index by status alone looks selective to the planner, but it
      // reads the row of every open follow-up: the passed deadlines have their own index
      const passed = reads.filter((sql) => /\bdeadline_date < /.test(sql));
      expect(passed.length).toBe(1);
      expect(checkPlan(ctx.db, passed[0] ?? '').plan).toEqual([
        expect.stringMatching(/^SEARCH follow_ups USING COVERING INDEX follow_ups_open_deadline /),
      ]);
    }
  });
});
