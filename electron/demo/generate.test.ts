import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../testing/fingerprint';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { buildDemoHospital, n, TODAY } from '../testing/demo-hospital';
import { buildHospital, generateDemoData } from './generate';

let ctx: TestCtx;

beforeAll(() => ({ ctx } = buildDemoHospital()), 60_000);
afterAll(() => ctx.close());

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
