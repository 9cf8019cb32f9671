import type { AccountId } from '../../shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGING_BUCKET_KEYS, type AgingBucketKey } from '../../shared/aging/buckets';
import type { DemoLoadResult } from '../../shared/api/app';
import { REASON_CODES, REMARK_CODES } from '../../shared/codes/adjustment-codes';
import { ACCOUNT_STATUS, CLAIM_STATUS, FINANCIAL_CLASS } from '../../shared/codes/enums';
import type { IsoDate } from '../../shared/dates/iso-date';
import { accountAging } from '../ledger/ledger';
import type { TestCtx } from '../testing/test-db';
import { all, buildDemoHospital, n, one, TODAY } from '../testing/demo-hospital';
import { isValidNpi } from '../../shared/codes/npi';

/** The demo hospital's records: its people, payers, claims, denials and ledger. */

let ctx: TestCtx;
let result: DemoLoadResult;

beforeAll(() => ({ ctx, result } = buildDemoHospital()), 60_000);
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
});
