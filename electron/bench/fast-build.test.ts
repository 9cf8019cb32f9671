import { describe, expect, it } from 'vitest';
import { buildHospital } from '../demo/generate';
import { fingerprint, schemaOf } from '../testing/fingerprint';
import { createTestCtx } from '../testing/test-db';
import { TODAY } from '../testing/demo-hospital';
import { fastBuild, READ_AFTER_WRITING, READ_WHILE_WRITING } from './fast-build';

describe('the fast bench build', () => {
  // 100 as the bench writes, planned on a worker thread as there; 7 and 1 put statement
  // boundaries and remainders elsewhere
  it.each([
    [100, true],
    [7, false],
    [1, false],
  ])(
    'ends with the migrated schema and the same rows as a normal build (%i rows per INSERT, planned in a worker: %s)',
    (rowsPerStatement, planInWorker) => {
      const normal = createTestCtx(TODAY);
      const fast = createTestCtx(TODAY);
      try {
        const options = {
          today: TODAY,
          now: normal.clock.now(),
          accounts: 600,
          accountsPerTransaction: 200,
          seed: 11,
        };
        const before = schemaOf(fast.db);
        buildHospital(normal.db, options);
        const counts = fastBuild(fast.db, (readsBegin) =>
          buildHospital(fast.db, {
            ...options,
            rowsPerStatement,
            planInWorker,
            onReadsBegin: readsBegin,
          }),
        );

        expect(counts.ledgerEntries).toBeGreaterThan(1_000);
        expect(schemaOf(fast.db)).toEqual(before);
        expect(schemaOf(fast.db)).toEqual(schemaOf(normal.db));
        // every table row for row, the ledger's day sums (kept by a trigger in the normal
        // build, summed at the end in the fast one) included
        const sums = fingerprint(fast.db);
        expect(sums).toEqual(fingerprint(normal.db));
        expect(Object.keys(sums)).toContain('ledger_day_totals');
        expect(fast.db.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(fast.db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(fast.db.pragma('foreign_keys', { simple: true })).toBe(1);
        expect(fast.db.pragma('foreign_key_check')).toEqual([]);
      } finally {
        normal.close();
        fast.close();
      }
    },
  );

  it('keeps only indexes the schema has, so none it reads through is dropped by a rename', () => {
    const ctx = createTestCtx(TODAY);
    try {
      const indexes = schemaOf(ctx.db)
        .filter((o) => o.type === 'index')
        .map((o) => o.name);
      expect(indexes).toEqual(
        expect.arrayContaining([...READ_WHILE_WRITING, ...READ_AFTER_WRITING]),
      );
    } finally {
      ctx.close();
    }
  });

  it('refuses a database that already has a ledger', () => {
    const ctx = createTestCtx(TODAY);
    try {
      buildHospital(ctx.db, {
        today: TODAY,
        now: ctx.clock.now(),
        accounts: 20,
        accountsPerTransaction: 20,
      });
      expect(() => fastBuild(ctx.db, () => 0)).toThrow(/ledger must start empty/);
    } finally {
      ctx.close();
    }
  });
});
