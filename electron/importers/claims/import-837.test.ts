import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/dates/iso-date';
import { FACILITY } from '../../demo/catalog';
import { createTestCtx, rowCount, TEST_TODAY, type TestCtx } from '../../testing/test-db';
import type { Claim837 } from './claim-types';
import { generateClaims } from '../../testing/x12/generate-837';
import { zipOf } from './people';
import { SERVICE_DAY, testClaim } from '../../testing/claims';
import {
  accountOf,
  claimOf,
  dependentClaim,
  expectCachesMatchLedger,
  history,
  importClaims,
} from '../../testing/claim-import';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

describe('importing an 837 claim file', () => {
  it('makes the people, accounts, coverage, claims, lines and charges of an 837I with a dependent', () => {
    const report = importClaims(ctx, 'claims-0316.837', [
      testClaim('ANA-1', [10_000, 2_500]),
      testClaim('ANA-2', [4_000, 1_050, 99]),
      dependentClaim('LEO-1', [7_525]),
    ]);
    expect(report).toMatchObject({
      kind: '837',
      status: 'posted',
      rejected: [],
      warnings: [],
      summary: '3 claims: 3 added, 0 updated, 0 skipped; $251.74 in charges; 1 payer added',
    });
    expect(report.claimFile).toMatchObject({
      claimTypes: ['institutional'],
      claimsRead: 3,
      added: 3,
      updated: 0,
      voided: 0,
      skipped: 0,
      chargesPosted: 25_174,
      accountsCreated: 3,
      peopleCreated: 2,
      payersCreated: [
        {
          payerId: 'ACME01',
          name: 'Acme Health Plan',
          timelyFilingDays: 365,
          appealWindowDays: 180,
        },
      ],
    });
    expect(
      report.claimFile?.claims.map((c) => [c.patientControlNumber, c.outcome, c.message]),
    ).toEqual([
      ['ANA-1', 'added', 'Added claim ANA-1 to new account ANA-1; $125.00 in charges posted.'],
      ['ANA-2', 'added', 'Added claim ANA-2 to new account ANA-2; $51.49 in charges posted.'],
      ['LEO-1', 'added', 'Added claim LEO-1 to new account LEO-1; $75.25 in charges posted.'],
    ]);
    expect(report.claimFile?.claims[2]).toMatchObject({
      patientName: 'Rivera, Leo',
      payerName: 'Acme Health Plan',
      claimType: 'institutional',
      frequencyCode: '1',
    });

    // the payer was new: it gets the default deadlines
    expect(
      ctx.db
        .prepare(
          `SELECT name, financial_class AS class, timely_filing_days AS timely,
             appeal_window_days AS appeal FROM payers WHERE payer_code = 'ACME01'`,
        )
        .get(),
    ).toEqual({ name: 'Acme Health Plan', class: 'commercial', timely: 365, appeal: 180 });

    // Ana is one person, the patient of her own accounts and the guarantor of her son's
    const ana = accountOf(ctx, 'ANA-1');
    const leo = accountOf(ctx, 'LEO-1');
    expect(accountOf(ctx, 'ANA-2').patientId).toBe(ana.patientId);
    expect(ana).toMatchObject({
      guarantorId: ana.patientId,
      relationship: 'self',
      serviceDate: SERVICE_DAY,
      dischargeDate: null,
      financialClass: 'commercial',
      insurance: 12_500,
      patient: 0,
    });
    expect(leo).toMatchObject({
      guarantorId: ana.patientId,
      relationship: 'parent',
      insurance: 7_525,
    });
    expect(
      ctx.db
        .prepare(
          `SELECT last_name AS last, first_name AS first, middle_name AS middle,
             date_of_birth AS dob, sex FROM people WHERE id IN (?, ?) ORDER BY id`,
        )
        .all(ana.patientId, leo.patientId),
    ).toEqual([
      { last: 'Rivera', first: 'Ana', middle: 'M', dob: '1980-04-12', sex: 'F' },
      { last: 'Rivera', first: 'Leo', middle: null, dob: '2015-09-30', sex: 'M' },
    ]);
    expect(
      ctx.db
        .prepare(
          `SELECT line1, line2, city, state, zip, effective_date AS since FROM addresses WHERE person_id = ?`,
        )
        .all(ana.patientId),
    ).toEqual([
      {
        line1: '100 Main St',
        line2: 'Apt 2',
        city: 'Chicago',
        state: 'IL',
        zip: '60614-3318',
        since: TEST_TODAY,
      },
    ]);
    expect(
      ctx.db
        .prepare(
          `SELECT cv.priority, py.payer_code AS payer, cv.member_id AS member,
             cv.group_number AS grp, cv.subscriber_id AS subscriber
           FROM coverages cv JOIN payers py ON py.id = cv.payer_id WHERE cv.account_id = ?`,
        )
        .all(leo.id),
    ).toEqual([
      {
        priority: 1,
        payer: 'ACME01',
        member: 'ACM123456789',
        grp: 'G-1001',
        subscriber: ana.patientId,
      },
    ]);

    const claim = claimOf(ctx, 'ANA-2');
    expect(
      ctx.db
        .prepare(
          `SELECT status, billed_date AS billed, total_charge AS total, claim_type AS type,
             facility_code AS facility, frequency_code AS frequency, diagnosis_codes AS diagnoses,
             statement_from AS sFrom, statement_to AS sTo, billing_provider_npi AS npi,
             import_file_id AS file, coverage_id IS NOT NULL AS covered
           FROM claims WHERE id = ?`,
        )
        .get(claim.id),
    ).toEqual({
      status: 'billed',
      billed: TEST_TODAY,
      total: 5_149,
      type: 'institutional',
      facility: '13',
      frequency: '1',
      diagnoses: 'R0789 I10',
      sFrom: SERVICE_DAY,
      sTo: SERVICE_DAY,
      npi: FACILITY.npi,
      file: report.importId,
      covered: 1,
    });
    expect(
      ctx.db
        .prepare(
          `SELECT cl.line_number AS n, cl.service_date AS date, cl.revenue_code AS rev,
             cl.procedure_code AS proc, cl.units, cl.charge,
             (SELECT sum(amount) FROM ledger_entries l WHERE l.claim_line_id = cl.id AND l.kind = 'charge') AS charged,
             (SELECT posting_date FROM ledger_entries l WHERE l.claim_line_id = cl.id) AS posted
           FROM claim_lines cl WHERE cl.claim_id = ? ORDER BY cl.line_number`,
        )
        .all(claim.id),
    ).toEqual([
      {
        n: 1,
        date: SERVICE_DAY,
        rev: '0450',
        proc: '99284',
        units: 1,
        charge: 4_000,
        charged: 4_000,
        posted: SERVICE_DAY,
      },
      {
        n: 2,
        date: SERVICE_DAY,
        rev: '0450',
        proc: '99284',
        units: 1,
        charge: 1_050,
        charged: 1_050,
        posted: SERVICE_DAY,
      },
      {
        n: 3,
        date: SERVICE_DAY,
        rev: '0450',
        proc: '99284',
        units: 1,
        charge: 99,
        charged: 99,
        posted: SERVICE_DAY,
      },
    ]);

    // each claim waits for its remittance in the work queue, with the account's balance
    expect(
      ctx.db
        .prepare(
          `SELECT kind, due_date AS due, balance, account_number AS account FROM follow_ups
           WHERE claim_id = ? AND status = 'open'`,
        )
        .all(claim.id),
    ).toEqual([
      { kind: 'claim_status', due: addDays(TEST_TODAY, 30), balance: 5_149, account: 'ANA-2' },
    ]);
    expect(history(ctx, leo.id)).toEqual([
      'Claim LEO-1 (837I, 1 line, $75.25) imported from claim file claims-0316.837, billed to Acme Health Plan on 03/16/2026.',
    ]);
    expect(history(ctx, ana.id)[0]).toMatch(
      /Acme Health Plan was added as a new payer with default deadlines/,
    );
    expectCachesMatchLedger(ctx);
  });

  it('puts in the database exactly the claims it wrote: generated 837I and 837P files round-trip', () => {
    const institutional = generateClaims({
      count: 80,
      claimType: 'institutional',
      today: TEST_TODAY,
      seed: 11,
    });
    const professional = generateClaims({
      count: 80,
      claimType: 'professional',
      today: TEST_TODAY,
      seed: 12,
      firstNumber: 5_000,
    });
    const written = [...institutional, ...professional];
    const one = importClaims(ctx, 'hospital.837i', institutional, 1);
    const two = importClaims(ctx, 'physicians.837p', professional, 2);
    for (const r of [one, two]) {
      expect(r.status).toBe('posted');
      expect(r.claimFile?.skipped).toBe(0);
    }
    expect((one.claimFile?.added ?? 0) + (two.claimFile?.added ?? 0)).toBe(160);

    const project = (c: Claim837) => {
      const patient = c.patient ?? c.subscriber;
      const person = (p: typeof patient) => ({
        last: p.name.last,
        first: p.name.first,
        middle: p.name.middle,
        dob: p.dateOfBirth,
        sex: p.sex,
        address: p.address && { ...p.address, zip: zipOf(p.address.zip) },
      });
      return {
        pcn: c.patientControlNumber,
        type: c.claimType,
        facility: c.facilityCode,
        frequency: c.frequencyCode,
        total: c.totalCharge,
        diagnoses: c.diagnosisCodes.join(' '),
        priorAuthorization: c.priorAuthorization,
        referral: c.referralNumber,
        statement: [c.statementFrom, c.statementTo],
        npi: c.billingProvider.npi,
        patient: person(patient),
        guarantor: person(c.subscriber),
        payer: c.payer.payerId,
        member: c.subscriber.memberId,
        group: c.subscriber.groupNumber,
        lines: c.lines.map((l) => ({
          n: l.lineNumber,
          date: l.serviceDate,
          rev: l.revenueCode,
          proc: l.procedure?.code ?? null,
          mods: l.procedure?.modifiers.join(':') || null,
          units: l.units,
          charge: l.charge,
          charged: l.charge,
        })),
      };
    };
    const personAt = (id: number) => {
      const p = ctx.db
        .prepare(
          `SELECT last_name AS last, first_name AS first, middle_name AS middle,
             date_of_birth AS dob, sex FROM people WHERE id = ?`,
        )
        .get(id) as Record<string, unknown>;
      const address = ctx.db
        .prepare(
          `SELECT line1, line2, city, state, zip FROM addresses WHERE person_id = ?
           ORDER BY effective_date DESC, id DESC LIMIT 1`,
        )
        .get(id);
      return { ...p, address: address ?? null };
    };
    const stored = written.map((w) => {
      const c = ctx.db
        .prepare(
          `SELECT c.id, c.claim_number AS pcn, c.claim_type AS type, c.facility_code AS facility,
             c.frequency_code AS frequency, c.total_charge AS total, c.diagnosis_codes AS diagnoses,
             c.prior_authorization AS priorAuthorization, c.referral_number AS referral,
             c.statement_from AS sFrom, c.statement_to AS sTo, c.billing_provider_npi AS npi,
             a.patient_id AS patientId, a.guarantor_id AS guarantorId, py.payer_code AS payer,
             cv.member_id AS member, cv.group_number AS grp, cv.subscriber_id AS subscriberId
           FROM claims c JOIN accounts a ON a.id = c.account_id JOIN payers py ON py.id = c.payer_id
           JOIN coverages cv ON cv.id = c.coverage_id
           WHERE c.claim_number = ?`,
        )
        .get(w.patientControlNumber) as Record<string, unknown> & {
        id: number;
        patientId: number;
        guarantorId: number;
        subscriberId: number;
      };
      expect(c.subscriberId).toBe(c.guarantorId);
      return {
        pcn: c.pcn,
        type: c.type,
        facility: c.facility,
        frequency: c.frequency,
        total: c.total,
        diagnoses: c.diagnoses,
        priorAuthorization: c.priorAuthorization,
        referral: c.referral,
        statement: [c.sFrom, c.sTo],
        npi: c.npi,
        patient: personAt(c.patientId),
        guarantor: personAt(c.guarantorId),
        payer: c.payer,
        member: c.member,
        group: c.grp,
        lines: ctx.db
          .prepare(
            `SELECT cl.line_number AS n, cl.service_date AS date, cl.revenue_code AS rev,
               cl.procedure_code AS proc, cl.modifiers AS mods, cl.units, cl.charge,
               (SELECT sum(amount) FROM ledger_entries l WHERE l.claim_line_id = cl.id) AS charged
             FROM claim_lines cl WHERE cl.claim_id = ? ORDER BY cl.line_number`,
          )
          .all(c.id),
      };
    });
    expect(stored).toEqual(written.map(project));
    // the same person billed twice, or as a parent of two, was made once
    const distinct = new Set(written.map((w) => JSON.stringify((w.patient ?? w.subscriber).name)));
    expect(rowCount(ctx, 'people')).toBeLessThan(written.length + distinct.size);
    expect(
      new Set(
        [...(one.claimFile?.payersCreated ?? []), ...(two.claimFile?.payersCreated ?? [])].map(
          (p) => p.payerId,
        ),
      ),
    ).toEqual(new Set(written.map((w) => w.payer.payerId)));
    expectCachesMatchLedger(ctx);
  });
});
