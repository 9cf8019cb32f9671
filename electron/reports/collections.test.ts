import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DUNNING_STAGE, STATEMENT_HOLD } from '../../shared/api/statements';
import { addDays } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import type { Report, ReportTable } from '../../shared/reports/model';
import { dispatch } from '../api/dispatch';
import type { Ctx } from '../core/context';
import { all, run } from '../db/query';
import { addAccount, addAddress, addBilledClaim, addPayer, addPerson } from '../testing/builders';
import { call } from '../testing/call';
import { createTestCtx } from '../testing/test-db';
import { cyclesOf } from '../statements/candidates';
import { STAGES } from '../statements/dunning';

const table = (r: Report, id: string): ReportTable => {
  const t = r.tables.find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
};
const column = (t: ReportTable, i: number) => t.rows.reduce((s, r) => s + Number(r[i]), 0);

const NOT_HELD = {
  plan: 'Not held: payment plan in good standing (plan statement)',
  statement: 'Not held: next dunning statement due',
};

/** The accounts a statement would speak for, summed from the accounts themselves. */
function accountsOwing(ctx: Ctx, facilityId: number | null) {
  const [row] = all<{ n: number; patient: number; balance: number }>(
    ctx.db,
    `SELECT count(*) AS n, ifnull(sum(patient_balance), 0) AS patient,
        ifnull(sum(patient_balance + insurance_balance), 0) AS balance
       FROM accounts WHERE patient_balance <> 0 AND status IN ('open', 'agency')
        AND (? IS NULL OR facility_id = ?)`,
    facilityId,
    facilityId,
  );
  return row;
}

/** Both tables list every such account once: their rows and totals tie to the balances. */
function expectTies(ctx: Ctx, report: Report, facilityId: number | null) {
  const owing = accountsOwing(ctx, facilityId);
  const labels = new Set<string>([
    ...STATEMENT_HOLD.keys.map((k) => STATEMENT_HOLD.labels[k]),
    NOT_HELD.plan,
    NOT_HELD.statement,
  ]);
  for (const id of ['stages', 'holds']) {
    const t = table(report, id);
    expect([column(t, 1), column(t, 2), column(t, 3)]).toEqual([
      owing?.n,
      owing?.patient,
      owing?.balance,
    ]);
    expect(t.total).toEqual(['Total', owing?.n, owing?.patient, owing?.balance]);
  }
  for (const row of table(report, 'holds').rows) expect(labels).toContain(row[0]);
}

/**
 * Each account's stage and hold as the statement run decides them: its list of candidates
 * (every guarantor owing, none left out by recency or minimum) for the holds, and the run's
 * cycle of each guarantor on its own for the stage and the plan or dunning statement.
 */
function runDecisions(ctx: Ctx, facilityId: number | null) {
  const picked = all<{ id: AccountId; guarantorId: number }>(
    ctx.db,
    `SELECT id, guarantor_id AS guarantorId FROM accounts
      WHERE patient_balance <> 0 AND status IN ('open', 'agency')
        AND (? IS NULL OR facility_id = ?)`,
    facilityId,
    facilityId,
  );
  const list = call(ctx, 'listStatementCandidates', {
    minPatientBalance: 0,
    notStatedWithinDays: 0,
    limit: 5000,
  });
  expect(list.next).toBeNull();
  expect(list.accounts.length).toBe(
    call(ctx, 'countStatementCandidates', { minPatientBalance: 0, notStatedWithinDays: 0 }).total,
  );
  const held = new Map(list.accounts.flatMap((c) => c.held.map((h) => [h.accountId, h.hold])));
  const stages = new Map<string, number>();
  const holds = new Map<string, number>();
  const count = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
  for (const a of picked) {
    const { cycles, states } = cyclesOf(ctx.db, ctx.clock.today(), [a.guarantorId]);
    const record = states.find((s) => s.accountId === a.id)?.record ?? null;
    const stage = record ? STAGES[record.stage] : undefined;
    count(stages, stage ? DUNNING_STAGE.labels[stage] : 'No statement yet in this cycle');
    const hold = held.get(a.id);
    const plan = cycles.some((c) => c.plan.some((p) => p.accountId === a.id));
    count(holds, hold ? STATEMENT_HOLD.labels[hold] : plan ? NOT_HELD.plan : NOT_HELD.statement);
  }
  return { stages, holds };
}

/** The report's counts by stage and by hold are those the statement run decides. */
function expectSameAsRun(ctx: Ctx, report: Report, facilityId: number | null) {
  const decided = runDecisions(ctx, facilityId);
  const counts = (id: string) => new Map(table(report, id).rows.map((r) => [r[0], r[1]]));
  expect(counts('stages')).toEqual(decided.stages);
  expect(counts('holds')).toEqual(decided.holds);
}

describe('collections by dunning stage and hold reason', () => {
  it('ties to the balances of the demo hospital, for all facilities and for each', () => {
    const ctx = createTestCtx();
    try {
      call(ctx, 'loadDemoData', {});
      const everyone = call(ctx, 'getReport', { report: 'collections' });
      expectTies(ctx, everyone, null);
      expectSameAsRun(ctx, everyone, null);
      // the demo has accounts at several stages and held for several reasons
      expect(table(everyone, 'stages').rows.length).toBeGreaterThan(2);
      expect(table(everyone, 'holds').rows.length).toBeGreaterThan(3);
      for (const facilityId of [1, 2, 3]) {
        const one = call(ctx, 'getReport', { report: 'collections', filters: { facilityId } });
        expectTies(ctx, one, facilityId);
        expectSameAsRun(ctx, one, facilityId);
      }
    } finally {
      ctx.close();
    }
  });

  const account = fc.record({
    guarantor: fc.integer({ min: 0, max: 2 }),
    facility: fc.constantFrom(1, 2),
    patient: fc.constantFrom(0, 300, 2_500, 18_000),
    insurance: fc.constantFrom(0, 9_000),
    paid: fc.constantFrom(0, 300, 40_000),
    hold: fc.constantFrom(null, 'dispute' as const, 'bankruptcy' as const, 'assistance' as const),
    promise: fc.boolean(),
    // a written dispute holds its own account; the others the guarantor's every account
    restriction: fc.constantFrom(
      null,
      null,
      'cease_contact' as const,
      'written_dispute' as const,
      'bankruptcy' as const,
    ),
    agency: fc.boolean(),
    staged: fc.constantFrom(null, 0, 2, 4),
  });
  const guarantor = fc.record({ address: fc.boolean(), returnedMail: fc.boolean() });

  it('ties to the balances on random accounts, holds and stages, by facility', () => {
    fc.assert(
      fc.property(
        fc.array(account, { minLength: 1, maxLength: 7 }),
        fc.tuple(guarantor, guarantor, guarantor),
        fc.constantFrom(null, 1, 2),
        (accounts, guarantors, facilityId) => {
          const ctx = createTestCtx();
          try {
            const today = ctx.clock.today();
            const payerId = addPayer(ctx);
            run(ctx.db, `INSERT INTO facilities (id, name) VALUES (2, 'North Clinic')`);
            const people = guarantors.map((g) => {
              const id = addPerson(ctx);
              if (g.address) addAddress(ctx, id);
              if (g.returnedMail)
                run(ctx.db, `UPDATE people SET returned_mail = 1 WHERE id = ?`, id);
              return id;
            });
            accounts.forEach((a, i) => {
              const patientId = people[a.guarantor]!;
              const { accountId } = addAccount(ctx, {
                patientId,
                payerId,
                facilityId: a.facility,
                number: `C${i}`,
              });
              if (a.patient) addBilledClaim(ctx, accountId, payerId, [a.patient], 'patient');
              if (a.insurance) addBilledClaim(ctx, accountId, payerId, [a.insurance]);
              if (a.paid)
                dispatch(ctx, 'postPatientPayment', {
                  accountId,
                  amount: a.paid,
                  method: 'cash',
                  receivedDate: today,
                });
              if (a.hold)
                dispatch(ctx, 'setCollectionHold', { accountId, kind: a.hold, open: true });
              if (a.promise)
                dispatch(ctx, 'recordPromise', {
                  accountId,
                  kind: 'promise',
                  amount: 1_000,
                  dueDate: addDays(today, 10),
                  note: null,
                });
              if (a.restriction)
                dispatch(ctx, 'recordContactRestriction', {
                  accountId,
                  kind: a.restriction,
                  effectiveDate: today,
                  note: null,
                  attorneyName: null,
                  attorneyPhone: null,
                  attorneyAddress: null,
                });
              if (a.staged !== null)
                run(
                  ctx.db,
                  `INSERT INTO dunning_stages (account_id, guarantor_id, stage, first_statement_date,
                     statements_sent, last_statement_date, source, updated_at)
                   VALUES (?, ?, ?, ?, 1, ?, 'import', 't')`,
                  accountId,
                  patientId,
                  a.staged,
                  addDays(today, -90),
                  addDays(today, -20),
                );
              if (a.agency)
                run(ctx.db, `UPDATE accounts SET status = 'agency' WHERE id = ?`, accountId);
            });
            const report = call(ctx, 'getReport', {
              report: 'collections',
              filters: { facilityId },
            });
            expectTies(ctx, report, facilityId);
            expectSameAsRun(ctx, report, facilityId);
            const held = report.figures.find((f) => f.label === 'Held from statements')?.value;
            const notHeld = table(report, 'holds')
              .rows.filter((r) => String(r[0]).startsWith('Not held'))
              .reduce((s, r) => s + Number(r[1]), 0);
            expect(Number(held) + notHeld).toBe(accountsOwing(ctx, facilityId)?.n);
          } finally {
            ctx.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
