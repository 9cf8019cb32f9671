import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGING_BUCKETS } from '../../shared/aging/buckets';
import { addDays, type IsoDate } from '../../shared/dates/iso-date';
import type { Report, ReportTable } from '../../shared/reports/model';
import { reportFileRows } from '../../shared/reports/format';
import { all } from '../db/query';
import { computeAging } from '../ledger/aging';
import { call, callAsync } from '../testing/call';
import { createTestCtx, tableCounts, type TestCtx } from '../testing/test-db';

/**
 * Every report's figures on the demo hospital, each one worked out again here from the
 * raw rows (the ledger, receipts, denials, plans) without the report's own queries.
 */
let ctx: TestCtx;
beforeAll(() => {
  ctx = createTestCtx();
  call(ctx, 'loadDemoData', {});
  // the demo hospital has no payment plans; some patients set one up today
  const owing = all<{ id: number }>(
    ctx.db,
    `SELECT id FROM accounts WHERE patient_balance >= 20000 ORDER BY id LIMIT 12`,
  );
  for (const a of owing)
    call(ctx, 'createPlan', {
      accountId: a.id,
      downPayment: 2_500,
      length: { mode: 'months', months: 6 },
      firstDueDate: addDays(ctx.clock.today(), 30),
      includeNewCharges: false,
    });
});
afterAll(() => ctx.close());

const table = (r: Report, id: string): ReportTable => {
  const t = r.tables.find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
};
const figure = (r: Report, label: string) => r.figures.find((f) => f.label === label)?.value;
const sumColumn = (t: ReportTable, i: number) => t.rows.reduce((s, r) => s + Number(r[i]), 0);

describe('aging on the demo hospital', () => {
  it('ages every account from its own ledger rows, to the cent', () => {
    const report = call(ctx, 'getReport', { report: 'aging' });
    const entries = all<{
      id: number;
      accountId: number;
      side: 'insurance' | 'patient';
      amount: number;
      postingDate: IsoDate;
      reversesId: number | null;
    }>(
      ctx.db,
      `SELECT id, account_id AS accountId, side, amount, posting_date AS postingDate,
          reverses_id AS reversesId FROM ledger_entries`,
    );
    const byAccount = new Map<number, typeof entries>();
    for (const e of entries) byAccount.set(e.accountId, [...(byAccount.get(e.accountId) ?? []), e]);
    const expected = new Map<string, { insurance: number; patient: number }>();
    let ins = 0;
    let pat = 0;
    const today = ctx.clock.today();
    for (const rows of byAccount.values()) {
      const aging = computeAging(rows, today);
      if (aging.insuranceBalance === 0 && aging.patientBalance === 0) continue;
      ins += aging.insuranceBalance;
      pat += aging.patientBalance;
      const age = aging.oldestOpenDate
        ? Math.round((Date.parse(today) - Date.parse(aging.oldestOpenDate)) / 86_400_000)
        : 0;
      const bucket = AGING_BUCKETS.find((b) => b.maxDays === null || age <= b.maxDays)!.label;
      const e = expected.get(bucket) ?? { insurance: 0, patient: 0 };
      expected.set(bucket, {
        insurance: e.insurance + aging.insuranceBalance,
        patient: e.patient + aging.patientBalance,
      });
    }
    expect(ins).toBeGreaterThan(0);
    expect(figure(report, 'Insurance')).toBe(ins);
    expect(figure(report, 'Patient')).toBe(pat);
    for (const row of table(report, 'buckets').rows) {
      const e = expected.get(String(row[0])) ?? { insurance: 0, patient: 0 };
      expect([row[0], row[1], row[2]]).toEqual([row[0], e.insurance, e.patient]);
    }
    expect(table(report, 'payers').total?.at(-1)).toBe(ins + pat);
    expect(table(report, 'classes').total?.at(-1)).toBe(ins + pat);
    // the trend's last month end holds every amount posted by then
    const trend = table(report, 'trend');
    const last = trend.rows.at(-1)!;
    const monthEnd = `${String(last[0])}-31`;
    const posted = entries.filter((e) => e.postingDate <= monthEnd);
    expect(last[3]).toBe(posted.reduce((s, e) => s + e.amount, 0));
    expect(last[1]).toBe(
      posted.filter((e) => e.side === 'insurance').reduce((s, e) => s + e.amount, 0),
    );
  });
});

describe('denials on the demo hospital', () => {
  it('counts every denial of the period once, by each grouping, to the cent', () => {
    const report = call(ctx, 'getReport', { report: 'denials' });
    const [from, to] = report.filtersUsed[0]!.value.split(' to ');
    expect(from).toBeDefined();
    const raw = all<{
      amount: number;
      state: string;
      resolution: string | null;
      remitDate: string;
    }>(ctx.db, `SELECT amount, state, resolution, remit_date AS remitDate FROM denials`).filter(
      (d) => d.remitDate >= iso(from!) && d.remitDate <= iso(to!),
    );
    expect(raw.length).toBeGreaterThan(0);
    const total = raw.reduce((s, d) => s + d.amount, 0);
    expect(figure(report, 'Denials')).toBe(raw.length);
    expect(figure(report, 'Amount denied')).toBe(total);
    for (const id of ['months', 'categories', 'reasons', 'payers']) {
      expect(sumColumn(table(report, id), 1), id).toBe(raw.length);
      expect(sumColumn(table(report, id), 2), id).toBe(total);
    }
    const open = raw.filter((d) => d.state !== 'resolved');
    expect(figure(report, 'Amount at risk')).toBe(open.reduce((s, d) => s + d.amount, 0));
    expect(sumColumn(table(report, 'deadlines'), 2)).toBe(open.reduce((s, d) => s + d.amount, 0));
  });
});

describe('cash on the demo hospital', () => {
  it('ties every payment figure to the payments posted in the ledger', () => {
    const report = call(ctx, 'getReport', { report: 'cash' });
    const [from, to] = report.filtersUsed[0]!.value.split(' to ').map((d) => iso(d));
    const ledger = all<{ side: string; amount: number }>(
      ctx.db,
      `SELECT side, amount FROM ledger_entries WHERE kind = 'payment' AND posting_date BETWEEN ? AND ?`,
      from,
      to,
    );
    const paid = (side: string) =>
      -ledger.filter((l) => l.side === side).reduce((s, l) => s + l.amount, 0);
    expect(paid('patient')).toBeGreaterThan(0);
    expect(figure(report, 'Patient payments')).toBe(paid('patient'));
    expect(figure(report, 'Insurance payments')).toBe(paid('insurance'));
    const collections = paid('patient') + paid('insurance');
    expect(sumColumn(table(report, 'days'), 1) + sumColumn(table(report, 'days'), 2)).toBe(
      collections,
    );
    expect(sumColumn(table(report, 'methods'), 1)).toBe(collections);
    expect(sumColumn(table(report, 'payers'), 1)).toBe(collections);
  });
});

describe('payment plans on the demo hospital', () => {
  it('adds up what each plan expected and received, from the installments and the ledger', () => {
    const report = call(ctx, 'getReport', { report: 'plans', filters: { from: '2000-01-01' } });
    const plans = all<{ id: number; accountId: number; paidBefore: number }>(
      ctx.db,
      `SELECT id, account_id AS accountId, paid_before AS paidBefore FROM payment_plans
        WHERE start_date <= ?`,
      ctx.clock.today(),
    );
    expect(plans.length).toBeGreaterThan(0);
    let expected = 0;
    let received = 0;
    for (const p of plans) {
      for (const i of all<{ amount: number; dueDate: string }>(
        ctx.db,
        `SELECT amount, due_date AS dueDate FROM plan_installments WHERE plan_id = ?`,
        p.id,
      ))
        if (i.dueDate <= ctx.clock.today()) expected += i.amount;
      const paid = all<{ amount: number }>(
        ctx.db,
        `SELECT amount FROM ledger_entries WHERE account_id = ? AND side = 'patient' AND kind = 'payment'`,
        p.accountId,
      ).reduce((s, l) => s - l.amount, 0);
      received += Math.max(0, paid - p.paidBefore);
    }
    expect(figure(report, 'Plans begun')).toBe(plans.length);
    expect(figure(report, 'Expected')).toBe(expected);
    expect(figure(report, 'Received')).toBe(received);
  });
});

describe('appeal outcomes on the demo hospital', () => {
  it('counts the appeals sent, their outcomes and the money paid on the claim since', () => {
    const denials = all<{ id: number; claimId: number; accountId: number; remitDate: string }>(
      ctx.db,
      `SELECT d.id, d.claim_id AS claimId, c.account_id AS accountId, d.remit_date AS remitDate
         FROM denials d JOIN claims c ON c.id = d.claim_id ORDER BY d.id LIMIT 3`,
    );
    const sent = addDays(ctx.clock.today(), -40);
    denials.forEach((d, i) => {
      // an appeal letter filed and marked sent, as the letters screen records one
      ctx.db
        .prepare(
          `INSERT INTO documents (kind, title, account_id, claim_id, denial_id, document_date,
             file_name, sha256, pages, bytes, created_at, created_by, sent_date, sent_by, sent_at)
           VALUES ('appeal', 'Appeal', ?, ?, ?, ?, ?, ?, 1, 100, 't', ?, ?, ?, 't')`,
        )
        .run(
          d.accountId,
          d.claimId,
          d.id,
          sent,
          `appeal-${i}.pdf`,
          'a'.repeat(64),
          ctx.userId,
          sent,
          ctx.userId,
        );
    });
    const won = denials[0]!;
    ctx.db
      .prepare(
        `UPDATE denials SET state = 'resolved', resolution = 'paid', updated_at = ? WHERE id = ?`,
      )
      .run(`${addDays(sent, 25)}T10:00:00.000Z`, won.id);
    ctx.db
      .prepare(
        `INSERT INTO ledger_entries (account_id, claim_id, kind, side, amount, posting_date,
           created_at, created_by) VALUES (?, ?, 'payment', 'insurance', -12345, ?, 't', ?)`,
      )
      .run(won.accountId, won.claimId, addDays(sent, 20), ctx.userId);
    const report = call(ctx, 'getReport', { report: 'appeals' });
    const recovered = denials.reduce(
      (s, d) =>
        s -
        all<{ amount: number }>(
          ctx.db,
          `SELECT amount FROM ledger_entries WHERE claim_id = ? AND kind = 'payment'
             AND side = 'insurance' AND posting_date >= ?`,
          d.claimId,
          sent,
        ).reduce((t, l) => t + l.amount, 0),
      0,
    );
    expect(figure(report, 'Appeals sent')).toBe(3);
    expect(figure(report, 'Won in full or in part')).toBe(1);
    expect(figure(report, 'Average days to decision')).toBe(25);
    expect(recovered).toBeGreaterThanOrEqual(12345);
    expect(figure(report, 'Recovered')).toBe(recovered);
    for (const id of ['levels', 'categories', 'payers'])
      expect(sumColumn(table(report, id), 1), id).toBe(3);
  });
});

describe('productivity on the demo hospital', () => {
  it("counts each person's calls and accounts worked from the activities", () => {
    const report = call(ctx, 'getReport', { report: 'productivity' });
    const [from, to] = report.filtersUsed[0]!.value.split(' to ').map((d) => iso(d));
    const acts = all<{ userId: number; accountId: number; kind: string; at: string }>(
      ctx.db,
      `SELECT user_id AS userId, account_id AS accountId, kind, occurred_at AS at FROM activities`,
    ).filter((a) => a.at.slice(0, 10) >= from! && a.at.slice(0, 10) <= to! && a.kind !== 'system');
    expect(figure(report, 'Calls')).toBe(acts.filter((a) => a.kind === 'call').length);
    const worked = new Map<number, Set<number>>();
    for (const a of acts)
      worked.set(a.userId, (worked.get(a.userId) ?? new Set()).add(a.accountId));
    const total = [...worked.values()].reduce((s, set) => s + set.size, 0);
    expect(total).toBeGreaterThan(0);
    expect(figure(report, 'Accounts worked')).toBe(total);
  });
});

describe('every report', () => {
  it('reads without writing and prints with its title, filters, date and page numbers', async () => {
    const before = tableCounts(ctx);
    for (const id of [
      'aging',
      'denials',
      'cash',
      'plans',
      'appeals',
      'productivity',
      'collections',
    ] as const) {
      const report = call(ctx, 'getReport', {
        report: id,
        filters: { financialClass: 'commercial' },
      });
      expect(reportFileRows(report)[0]).toEqual([report.title]);
      const pdf = await callAsync(ctx, 'getReportPdf', {
        report: id,
        filters: { financialClass: 'commercial' },
      });
      expect(pdf.pages).toBeGreaterThan(0);
      expect(Buffer.from(pdf.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect(tableCounts(ctx)).toEqual(before);
  });
});

/** MM/DD/YYYY as the filters say it, back to YYYY-MM-DD. */
function iso(us: string): string {
  const [m, d, y] = us.split('/');
  return `${y}-${m}-${d}`;
}
