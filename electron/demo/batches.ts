import type { IsoDate } from '../../shared/dates/iso-date';
import type { PayerCode } from './catalog';
import { planHousehold, type HospitalSetting, type StaffMember } from './household';
import type { PayerInfo, Sequences } from './plan';
import { Rng } from './random';
import { LedgerPlanner } from './ledger-rows';
import { RowPlanner, type DemoTable, type RowBatch } from './writer-rows';

/** What planning the households needs from the database: plain data, so a worker can take it. */
export interface PlanSetup {
  seed: number;
  /** accounts to plan */
  accounts: number;
  today: IsoDate;
  now: string;
  staff: readonly StaffMember[];
  payers: ReadonlyMap<PayerCode, PayerInfo>;
  /** who recorded registration data (addresses) */
  registrarId: number;
  nextIds: Record<DemoTable, number>;
  /** the ledger's next id, to plan its posting too (see LedgerPlanner); null to leave it to the writer */
  nextLedgerId: number | null;
}

/** Households per batch, whatever the transaction size, so every build posts in one order. */
const HOUSEHOLDS_PER_BATCH = 64;

function sequences(rng: Rng): Sequences {
  let account = 10_400_000;
  let claim = 241_000_000;
  return {
    nextAccountNumber: () => `A${(account += rng.int(1, 3))}`,
    nextClaimNumber: () => `C${(claim += rng.int(1, 4))}`,
  };
}

function accountsInHousehold(rng: Rng): number {
  return rng.weighted([
    [1, 35],
    [2, 25],
    [3, 17],
    [4, 10],
    [5, 6],
    [6, 3],
    [7, 2],
    [8, 2],
  ] as const);
}

/** The demo hospital's rows, a batch of households at a time, from its seed alone. */
export function* rowBatches(setup: PlanSetup): Generator<RowBatch, void, undefined> {
  const master = new Rng(setup.seed);
  const numbering = master.fork();
  const setting: HospitalSetting = {
    today: setup.today,
    now: setup.now,
    staff: setup.staff,
    payers: setup.payers,
    sequences: sequences(numbering),
  };
  const ledger =
    setup.nextLedgerId === null ? null : new LedgerPlanner(setup.nextLedgerId, setup.now);
  const planner = new RowPlanner({ ...setup.nextIds }, setup.now, setup.registrarId, ledger);
  const total = setup.accounts;
  let done = 0;
  while (done < total) {
    for (let h = 0; h < HOUSEHOLDS_PER_BATCH && done < total; h++) {
      const n = Math.min(accountsInHousehold(master), total - done);
      planner.household(planHousehold(master.fork(), setting, n));
      done += n;
    }
    const batch = planner.take();
    if (done >= total) batch.dayTotals = planner.dayTotals();
    yield batch;
  }
}
