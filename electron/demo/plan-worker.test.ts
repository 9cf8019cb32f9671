import { describe, expect, it } from 'vitest';
import { isoDate } from '../../shared/dates/iso-date';
import type { PayerId, UserId } from '../../shared/ids';
import { rowBatches, type PlanSetup } from './batches';
import { DEMO_PAYERS, DEMO_USERS } from './catalog';
import { rowBatchesInWorker } from './plan-worker';
import { DEMO_TABLE_NAMES, type DemoTable } from './writer-rows';

const setup: PlanSetup = {
  seed: 7,
  accounts: 300,
  today: isoDate('2026-06-15'),
  now: '2026-06-15T12:00:00.000Z',
  staff: DEMO_USERS.map((u, i) => ({ ...u, id: (i + 2) as UserId })),
  payers: new Map(DEMO_PAYERS.map((p, i) => [p.code, { ...p, id: (i + 1) as PayerId }])),
  registrarId: 2,
  nextIds: Object.fromEntries(DEMO_TABLE_NAMES.map((t) => [t, 1])) as Record<DemoTable, number>,
  nextLedgerId: 1,
};

describe('planning the demo hospital on a worker thread', () => {
  it('gives the batches planning on this thread gives', () => {
    const here = [...rowBatches(setup)];
    const there = [...rowBatchesInWorker(setup)];
    expect(here.length).toBeGreaterThan(1);
    expect(there).toEqual(here);
    expect(there.at(-1)?.dayTotals?.length).toBeGreaterThan(0);
  });

  it("fails with the worker's error rather than waiting for it", () => {
    const broken = { ...setup, payers: new Map() };
    expect(() => [...rowBatches(broken)]).toThrow();
    expect(() => [...rowBatchesInWorker(broken)]).toThrow(/demo planning worker: /);
  });
});
