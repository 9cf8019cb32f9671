import type { AccountId } from '../../../shared/ids';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, isoDate, type IsoDate } from '../../../shared/dates/iso-date';
import { cents } from '../../../shared/money/cents';
import { FACILITY } from '../../demo/catalog';
import { accountAging } from '../../ledger/ledger';
import { addAccount, addPayer, addPerson } from '../../testing/builders';
import { call, expectRefused } from '../../testing/call';
import { remitClaim, remittanceFile } from '../../testing/remittance';
import {
  createTestCtx,
  rowCount,
  staleQueueColumns,
  tableCounts,
  TEST_TODAY,
  type TestCtx,
} from '../../testing/test-db';
import type { Claim837 } from './claim-types';
import { generateClaims } from '../../testing/x12/generate-837';
import { zipOf } from './people';
import {
  CHILD,
  claimFileText,
  resent,
  SERVICE_DAY,
  serviceLine,
  SUBSCRIBER,
  testClaim,
} from '../../testing/claims';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

function importClaims(fileName: string, claims: readonly Claim837[], controlNumber = 1) {
  return call(ctx, 'importFile', {
    fileName,
    text: claimFileText(claims, { controlNumber }),
  });
}

function accountOf(pcn: string) {
  return ctx.db
    .prepare(
      `SELECT id, patient_id AS patientId, guarantor_id AS guarantorId,
         guarantor_relationship AS relationship, service_date AS serviceDate,
         discharge_date AS dischargeDate, financial_class AS financialClass,
         insurance_balance AS insurance, patient_balance AS patient
       FROM accounts WHERE account_number = ?`,
    )
    .get(pcn) as {
    id: number;
    patientId: number;
    guarantorId: number;
    relationship: string;
    serviceDate: IsoDate;
    dischargeDate: IsoDate | null;
    financialClass: string;
    insurance: number;
    patient: number;
  };
}

function claimOf(pcn: string) {
  return ctx.db
    .prepare(
      `SELECT id, status, total_charge AS total, frequency_code AS frequency, fingerprint,
         payer_claim_number AS payerClaimNumber, voided_at AS voidedAt, diagnosis_codes AS diagnoses,
         prior_authorization AS priorAuthorization, import_file_id AS importFileId
       FROM claims WHERE claim_number = ?`,
    )
    .get(pcn) as {
    id: number;
    status: string;
    total: number;
    frequency: string;
    fingerprint: string;
    payerClaimNumber: string | null;
    voidedAt: string | null;
    diagnoses: string;
    priorAuthorization: string | null;
    importFileId: number;
  };
}

/** The charges standing on a claim, net of reversals: what it owes before any payment. */
function chargesOn(claimId: number): number {
  return (
    ctx.db
      .prepare(
        `SELECT ifnull(sum(amount), 0) AS n FROM ledger_entries WHERE claim_id = ? AND kind = 'charge'`,
      )
      .get(claimId) as { n: number }
  ).n;
}

/** Every account's cached balances and oldest open date are what its ledger gives. */
function expectCachesMatchLedger(): void {
  const accounts = ctx.db
    .prepare(
      `SELECT id, insurance_balance AS insurance, patient_balance AS patient,
         oldest_open_date AS oldest FROM accounts`,
    )
    .all() as { id: AccountId; insurance: number; patient: number; oldest: string | null }[];
  for (const a of accounts) {
    const aging = accountAging(ctx.db, a.id, ctx.clock.today());
    expect({ insurance: a.insurance, patient: a.patient, oldest: a.oldest }).toEqual({
      insurance: aging.insuranceBalance,
      patient: aging.patientBalance,
      oldest: aging.oldestOpenDate,
    });
    expect(staleQueueColumns(ctx, a.id)).toBe(0);
  }
}

const history = (accountId: number): string[] =>
  (
    ctx.db
      .prepare(`SELECT body FROM activities WHERE account_id = ? ORDER BY id`)
      .all(accountId) as { body: string }[]
  ).map((r) => r.body);

const dependentClaim = (pcn: string, charges: number[]) =>
  testClaim(pcn, charges, {
    patient: CHILD,
    subscriber: { ...SUBSCRIBER, relationship: null },
  });

describe('importing an 837 claim file', () => {
  it('makes the people, accounts, coverage, claims, lines and charges of an 837I with a dependent', () => {
    const report = importClaims('claims-0316.837', [
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
    const ana = accountOf('ANA-1');
    const leo = accountOf('LEO-1');
    expect(accountOf('ANA-2').patientId).toBe(ana.patientId);
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

    const claim = claimOf('ANA-2');
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
    expect(history(leo.id)).toEqual([
      'Claim LEO-1 (837I, 1 line, $75.25) imported from claim file claims-0316.837, billed to Acme Health Plan on 03/16/2026.',
    ]);
    expect(history(ana.id)[0]).toMatch(
      /Acme Health Plan was added as a new payer with default deadlines/,
    );
    expectCachesMatchLedger();
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
    const one = importClaims('hospital.837i', institutional, 1);
    const two = importClaims('physicians.837p', professional, 2);
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
    expectCachesMatchLedger();
  });

  it('changes nothing when the same claims come in again, in the same file or a new one', () => {
    const claims = [testClaim('ANA-1', [10_000, 2_500]), dependentClaim('LEO-1', [7_525])];
    importClaims('claims.837', claims);
    const before = tableCounts(ctx);
    for (const [name, controlNumber] of [
      ['claims.837', 1],
      ['resent-batch.837', 77],
    ] as const) {
      const again = importClaims(name, claims, controlNumber);
      expect(again.status).toBe('duplicate');
      expect(again.summary).toBe(
        '2 claims: 0 added, 0 updated, 2 skipped; $0.00 in charges; 2 imported before',
      );
      expect(again.claimFile?.claims.map((c) => [c.outcome, c.alreadyImported, c.message])).toEqual(
        [
          [
            'skipped',
            true,
            'Already imported: claim ANA-1 on account ANA-1 has this content; nothing changed.',
          ],
          [
            'skipped',
            true,
            'Already imported: claim LEO-1 on account LEO-1 has this content; nothing changed.',
          ],
        ],
      );
    }
    // only the import history grew
    expect({ ...tableCounts(ctx), import_files: 0 }).toEqual({ ...before, import_files: 0 });
    expect(rowCount(ctx, 'import_files')).toBe((before.import_files ?? 0) + 2);
  });

  it('replaces a claim (frequency 7): new lines and data, charges moved only by new ledger rows', () => {
    const original = testClaim('REP-1', [10_000, 2_500, 4_000]);
    importClaims('original.837', [original]);
    const { id: claimId } = claimOf('REP-1');
    const account = accountOf('REP-1');
    const rowsBefore = ctx.db.prepare(`SELECT * FROM ledger_entries ORDER BY id`).all();

    const replacement = resent(original, '7', {
      lines: [
        serviceLine(1, 12_000),
        serviceLine(2, 1_500),
        serviceLine(4, 700, {
          revenueCode: '0636',
          procedure: { qualifier: 'HC', code: 'J1885', modifiers: [] },
        }),
      ],
      diagnosisCodes: ['R0789', 'E119'],
      priorAuthorization: 'PA-77',
      subscriber: { ...SUBSCRIBER, memberId: 'ACM999999999' },
    });
    const report = importClaims('corrected.837', [replacement], 2);
    expect(report.status).toBe('posted');
    expect(report.claimFile?.claims[0]).toMatchObject({
      outcome: 'updated',
      claimNumber: 'REP-1',
      accountNumber: 'REP-1',
      chargesPosted: -2_300,
      message:
        'Replaced claim REP-1 (frequency 7): total $165.00 → $142.00; charges -$23.00; 1 line removed; coverage updated.',
    });
    expect(report.summary).toBe('1 claim: 0 added, 1 updated, 0 skipped; -$23.00 in charges');

    // nothing posted before changed; the new rows move each line to its new charge
    expect(
      ctx.db.prepare(`SELECT * FROM ledger_entries ORDER BY id LIMIT ?`).all(rowsBefore.length),
    ).toEqual(rowsBefore);
    const lines = ctx.db
      .prepare(
        `SELECT id, line_number AS n, charge, procedure_code AS proc, removed_at IS NOT NULL AS removed
         FROM claim_lines WHERE claim_id = ? ORDER BY line_number`,
      )
      .all(claimId) as { id: number; n: number; charge: number; proc: string; removed: number }[];
    expect(lines.map(({ id: _id, ...l }) => l)).toEqual([
      { n: 1, charge: 12_000, proc: '99284', removed: 0 },
      { n: 2, charge: 1_500, proc: '99284', removed: 0 },
      { n: 3, charge: 0, proc: '99284', removed: 1 },
      { n: 4, charge: 700, proc: 'J1885', removed: 0 },
    ]);
    const added = ctx.db
      .prepare(
        `SELECT claim_line_id AS line, amount, reverses_id IS NOT NULL AS reversal, posting_date AS date
         FROM ledger_entries WHERE id > ? ORDER BY id`,
      )
      .all((rowsBefore.at(-1) as { id: number }).id);
    const lineId = (n: number) => lines.find((l) => l.n === n)?.id;
    expect(added).toEqual([
      { line: lineId(1), amount: 2_000, reversal: 0, date: TEST_TODAY },
      { line: lineId(2), amount: -2_500, reversal: 1, date: TEST_TODAY },
      { line: lineId(2), amount: 1_500, reversal: 0, date: TEST_TODAY },
      { line: lineId(4), amount: 700, reversal: 0, date: TEST_TODAY },
      { line: lineId(3), amount: -4_000, reversal: 1, date: TEST_TODAY },
    ]);
    expect(chargesOn(claimId)).toBe(14_200);
    expect(accountOf('REP-1').insurance).toBe(14_200);
    expect(claimOf('REP-1')).toMatchObject({
      status: 'billed',
      total: 14_200,
      frequency: '7',
      payerClaimNumber: 'PAYER-CLAIM-1',
      diagnoses: 'R0789 E119',
      priorAuthorization: 'PA-77',
      importFileId: report.importId,
    });
    expect(
      ctx.db
        .prepare(`SELECT member_id AS member FROM coverages WHERE account_id = ?`)
        .get(account.id),
    ).toEqual({ member: 'ACM999999999' });
    expect(history(account.id).at(-1)).toBe(
      'Replacement claim (frequency 7) from claim file corrected.837 updated claim REP-1: total $165.00 → $142.00; charges -$23.00; 1 line removed; coverage updated. Billed again on 03/16/2026.',
    );
    expectCachesMatchLedger();

    // the same replacement again finds the claim already as it says
    const before = tableCounts(ctx);
    const again = importClaims('corrected.837', [replacement], 2);
    expect(again.status).toBe('duplicate');
    expect(again.claimFile?.claims[0]?.message).toMatch(/^Already imported: claim REP-1/);
    expect({ ...tableCounts(ctx), import_files: 0 }).toEqual({ ...before, import_files: 0 });

    // a later replacement that raises the charges again posts the difference
    const higher = resent(replacement, '7', {
      lines: [serviceLine(1, 12_000), serviceLine(2, 3_000)],
    });
    importClaims('corrected-again.837', [higher], 3);
    expect(chargesOn(claimId)).toBe(15_000);
    expect(
      ctx.db
        .prepare(
          `SELECT line_number AS n, charge, removed_at IS NOT NULL AS removed FROM claim_lines WHERE claim_id = ? ORDER BY line_number`,
        )
        .all(claimId),
    ).toEqual([
      { n: 1, charge: 12_000, removed: 0 },
      { n: 2, charge: 3_000, removed: 0 },
      { n: 3, charge: 0, removed: 1 },
      { n: 4, charge: 0, removed: 1 },
    ]);
    expectCachesMatchLedger();
  });

  it('voids a claim (frequency 8): marked voided, its charges reversed, its status follow-up closed', () => {
    const original = testClaim('VOID-1', [10_000, 2_500]);
    importClaims('original.837', [original]);
    const { id: claimId } = claimOf('VOID-1');
    const account = accountOf('VOID-1');
    const report = importClaims('void.837', [resent(original, '8')], 2);
    expect(report.status).toBe('posted');
    expect(report.summary).toBe(
      '1 claim: 0 added, 0 updated, 1 voided, 0 skipped; -$125.00 in charges',
    );
    expect(report.claimFile?.claims[0]).toMatchObject({
      outcome: 'voided',
      chargesPosted: -12_500,
      message: 'Voided claim VOID-1 (frequency 8); $125.00 in charges reversed.',
    });
    expect(claimOf('VOID-1')).toMatchObject({
      status: 'voided',
      frequency: '8',
      voidedAt: ctx.clock.now(),
    });
    expect(chargesOn(claimId)).toBe(0);
    expect(
      ctx.db
        .prepare(
          `SELECT count(*) AS n FROM ledger_entries WHERE claim_id = ? AND reverses_id IS NOT NULL`,
        )
        .get(claimId),
    ).toEqual({ n: 2 });
    expect(accountOf('VOID-1').insurance).toBe(0);
    expect(ctx.db.prepare(`SELECT status FROM follow_ups WHERE claim_id = ?`).all(claimId)).toEqual(
      [{ status: 'done' }],
    );
    expect(history(account.id).slice(-2)).toEqual([
      'Claim status follow-up closed: the claim was voided.',
      'Claim VOID-1 voided (frequency 8) by claim file void.837; charges of $125.00 reversed.',
    ]);
    expectCachesMatchLedger();

    // the void again changes nothing; the claim under its old number stays voided
    const before = tableCounts(ctx);
    const again = importClaims('void.837', [resent(original, '8')], 2);
    expect(again.status).toBe('duplicate');
    expect(again.claimFile?.claims[0]?.message).toBe(
      'Already voided: claim VOID-1 was voided on 03/16/2026.',
    );
    const reopened = importClaims('new.837', [original], 3);
    // its only claim refused: nothing stored, so the file is rejected, not partly posted
    expect(reopened.status).toBe('rejected');
    expect(reopened.claimFile?.claims[0]?.message).toMatch(
      /^Not imported: claim VOID-1 was voided on 03\/16\/2026\. A voided claim is not reopened/,
    );
    expect({ ...tableCounts(ctx), import_files: 0 }).toEqual({ ...before, import_files: 0 });
  });

  it('applies a claim, its replacement and its void from one file in the order they come', () => {
    const original = testClaim('SEQ-1', [5_000]);
    const report = importClaims('sequence.837', [
      original,
      resent(original, '7', { lines: [serviceLine(1, 6_000)] }),
      resent(original, '8'),
    ]);
    expect(report.claimFile?.claims.map((c) => [c.outcome, c.chargesPosted])).toEqual([
      ['added', 5_000],
      ['updated', 1_000],
      ['voided', -6_000],
    ]);
    expect(report.claimFile?.chargesPosted).toBe(0);
    expect(accountOf('SEQ-1').insurance).toBe(0);
    expectCachesMatchLedger();
  });

  it('skips, with the reason, what it cannot apply as sent, and imports the rest', () => {
    importClaims('first.837', [testClaim('ON-FILE', [10_000])]);
    const before = tableCounts(ctx);
    const report = importClaims(
      'mixed.837',
      [
        testClaim('ON-FILE', [10_000, 500]),
        resent(testClaim('NOT-HERE', [1_000]), '7'),
        resent(testClaim('NOT-HERE-2', [1_000]), '8', { payerClaimNumber: null }),
        testClaim('INTERIM', [1_000], { frequencyCode: '2' }),
        testClaim('NEW-ONE', [2_000]),
      ],
      2,
    );
    expect(report.status).toBe('partial');
    expect(
      report.claimFile?.claims.map((c) => [c.patientControlNumber, c.outcome, c.message]),
    ).toEqual([
      [
        'ON-FILE',
        'skipped',
        'Not imported: claim ON-FILE on account ON-FILE already exists with different content. To change it, send a replacement claim (frequency 7).',
      ],
      [
        'NOT-HERE',
        'skipped',
        'Not imported: this replacement refers to claim NOT-HERE (payer claim number PAYER-CLAIM-1), which ClaimDesk does not have.',
      ],
      [
        'NOT-HERE-2',
        'skipped',
        'Not imported: this void refers to claim NOT-HERE-2, which ClaimDesk does not have.',
      ],
      [
        'INTERIM',
        'skipped',
        'Not imported: frequency code 2 marks an interim bill (first claim) that ClaimDesk does not import; it imports original (1), replacement (7) and void (8) claims.',
      ],
      ['NEW-ONE', 'added', 'Added claim NEW-ONE to new account NEW-ONE; $20.00 in charges posted.'],
    ]);
    expect(report.summary).toBe('5 claims: 1 added, 0 updated, 4 skipped; $20.00 in charges');
    const after = tableCounts(ctx);
    expect(after.claims).toBe((before.claims ?? 0) + 1);
    expect(chargesOn(claimOf('ON-FILE').id)).toBe(10_000);
  });

  it('skips a claim that fails its checks, saying where, and imports the others', () => {
    const text = claimFileText([
      testClaim('BAD-1', [10_000, 2_500]),
      testClaim('OK-1', [3_000]),
    ]).replace('CLM*BAD-1*125*', 'CLM*BAD-1*126*');
    const report = call(ctx, 'importFile', { fileName: 'checks.837', text });
    expect(report.status).toBe('partial');
    const [bad, ok] = report.claimFile?.claims ?? [];
    expect(bad).toMatchObject({
      outcome: 'skipped',
      message: 'Not imported: the claim failed 1 check; correct it and send it again.',
      segmentIndex: text.split('~').findIndex((s) => s.includes('CLM*BAD-1')) + 1,
      problems: [
        {
          segmentId: 'CLM',
          segmentIndex: text.split('~').findIndex((s) => s.includes('CLM*BAD-1')) + 1,
          message: 'The service lines add up to 125.00, but the claim total (CLM02) is 126.00.',
        },
      ],
    });
    expect(ok?.outcome).toBe('added');
    expect(
      ctx.db.prepare(`SELECT count(*) AS n FROM claims WHERE claim_number = 'BAD-1'`).get(),
    ).toEqual({ n: 0 });
  });

  it('leaves a paid claim alone when a void comes for it, and a remittance finds an imported claim', () => {
    const original = testClaim('PAY-1', [10_000, 2_500]);
    importClaims('original.837', [original]);
    const { id: claimId } = claimOf('PAY-1');
    // the payer's remittance names the claim by the patient control number it was sent under
    const remit = call(ctx, 'importFile', {
      fileName: 'era.835',
      text: remittanceFile([
        remitClaim({
          patientControlNumber: 'PAY-1',
          charge: 12_500,
          paid: 10_000,
          adjustments: [{ group: 'CO', reason: '45', amount: 2_500 }],
        }),
      ]),
    });
    expect(remit.remittances[0]).toMatchObject({ claimsPosted: 1, exceptions: 0 });
    expect(claimOf('PAY-1').status).toBe('paid');
    expect(
      ctx.db.prepare(`SELECT kind, status FROM follow_ups WHERE claim_id = ?`).all(claimId),
    ).toEqual([{ kind: 'claim_status', status: 'done' }]);

    const before = tableCounts(ctx);
    const report = importClaims('void.837', [resent(original, '8')], 2);
    expect(report.claimFile?.claims[0]).toMatchObject({
      outcome: 'skipped',
      message:
        "Not imported: Claim PAY-1 has payments or adjustments posted; reverse them (or import the payer's recoupment) before voiding it.",
    });
    expect({ ...tableCounts(ctx), import_files: 0 }).toEqual({ ...before, import_files: 0 });
    expect(claimOf('PAY-1').status).toBe('paid');
  });

  it("finds the claim a replacement is for by the payer's claim number when the control number changed", () => {
    importClaims('original.837', [testClaim('F8-1', [10_000])]);
    // the payer's remittance tells us its own number for the claim
    call(ctx, 'importFile', {
      fileName: 'era.835',
      text: remittanceFile([
        remitClaim({
          patientControlNumber: 'F8-1',
          charge: 10_000,
          paid: 0,
          status: '4',
          payerClaimNumber: 'ICN-2026-555',
          adjustments: [{ group: 'CO', reason: '16', amount: 10_000 }],
        }),
      ]),
    });
    const corrected = resent(testClaim('F8-1-CORRECTED', [10_000, 1_500]), '7', {
      payerClaimNumber: 'ICN-2026-555',
    });
    const report = importClaims('corrected.837', [corrected], 2);
    expect(report.claimFile?.claims[0]).toMatchObject({
      outcome: 'updated',
      claimNumber: 'F8-1',
      accountNumber: 'F8-1',
      chargesPosted: 1_500,
    });
    expect(claimOf('F8-1')).toMatchObject({ status: 'billed', total: 11_500 });
    expect(chargesOn(claimOf('F8-1').id)).toBe(11_500);
    expect(ctx.db.prepare(`SELECT count(*) AS n FROM claims`).get()).toEqual({ n: 1 });
    expectCachesMatchLedger();
  });

  it('finds returning patients and their payer, and adds an address only when it is new', () => {
    const acme = Number(
      ctx.db
        .prepare(
          `INSERT INTO payers (name, payer_code, financial_class, timely_filing_days, appeal_window_days)
           VALUES ('Acme Health (our name)', 'ACME01', 'managed_care', 90, 120)`,
        )
        .run().lastInsertRowid,
    );
    importClaims('one.837', [testClaim('VISIT-1', [1_000])]);
    const person = accountOf('VISIT-1').patientId;
    const addresses = () =>
      ctx.db
        .prepare(`SELECT line1, zip FROM addresses WHERE person_id = ? ORDER BY id`)
        .all(person);
    // the same address written differently is not a move
    const sameAddress = {
      ...SUBSCRIBER,
      address: { ...SUBSCRIBER.address!, line1: '100  MAIN ST.', zip: '60614' },
    };
    const two = importClaims(
      'two.837',
      [testClaim('VISIT-2', [1_000], { subscriber: sameAddress })],
      2,
    );
    expect(two.claimFile).toMatchObject({ added: 1, peopleCreated: 0, payersCreated: [] });
    expect(accountOf('VISIT-2').patientId).toBe(person);
    expect(addresses()).toEqual([{ line1: '100 Main St', zip: '60614-3318' }]);
    const moved = {
      ...SUBSCRIBER,
      address: { line1: '9 Elm Ct', line2: null, city: 'Evanston', state: 'IL', zip: '60201' },
    };
    importClaims('three.837', [testClaim('VISIT-3', [1_000], { subscriber: moved })], 3);
    expect(addresses()).toEqual([
      { line1: '100 Main St', zip: '60614-3318' },
      { line1: '9 Elm Ct', zip: '60201' },
    ]);
    expect(ctx.db.prepare(`SELECT DISTINCT payer_id AS payer FROM claims`).all()).toEqual([
      { payer: acme },
    ]);
    expect(accountOf('VISIT-3').financialClass).toBe('managed_care');
  });

  it("adds a claim to the account whose number is the patient control number, if it is the patient's", () => {
    const ana = addPerson(ctx, { last: 'Rivera', first: 'Ana', dob: '1980-04-12' });
    const { accountId } = addAccount(ctx, { number: 'T-EXIST', patientId: ana });
    addAccount(ctx, { number: 'T-OTHER' });
    const other = importClaims('other.837', [testClaim('T-OTHER', [4_200])], 9);
    expect(other.claimFile?.claims[0]?.message).toBe(
      "Not imported: Account T-OTHER is another patient's account; check the patient control number, which names this account.",
    );
    const report = importClaims('existing.837', [testClaim('T-EXIST', [4_200])]);
    expect(report.claimFile?.claims[0]).toMatchObject({
      outcome: 'added',
      accountId,
      message: 'Added claim T-EXIST to existing account T-EXIST; $42.00 in charges posted.',
    });
    expect(report.claimFile?.accountsCreated).toBe(0);
    expect(accountOf('T-EXIST').insurance).toBe(4_200);
    expect(
      ctx.db.prepare(`SELECT count(*) AS n FROM coverages WHERE account_id = ?`).get(accountId),
    ).toEqual({
      n: 1,
    });
    ctx.db.prepare(`UPDATE accounts SET status = 'closed' WHERE id = ?`).run(accountId);
    const closed = importClaims('closed.837', [resent(testClaim('T-EXIST', [5_000]), '7')], 2);
    expect(closed.claimFile?.claims[0]?.message).toBe(
      'Not imported: Account T-EXIST is closed; nothing can be posted to it. Reopen it, then import the file again.',
    );
  });

  it('refuses a new claim for an existing account before writing anything of it', () => {
    const ana = addPerson(ctx, { last: 'Rivera', first: 'Ana', dob: '1980-04-12' });
    const otherPayer = addPayer(ctx, { name: 'Other Mutual' });
    addAccount(ctx, { number: 'T-COVERED', patientId: ana, payerId: otherPayer });
    addAccount(ctx, { number: 'T-NOT-ANA' });
    const before = tableCounts(ctx);
    const newPayer = { name: 'Brand New Health', payerId: 'NEW99' };
    const report = importClaims(
      'refused.837',
      [
        // the payer and the subscriber's address are new: refused, neither may stay behind
        testClaim('T-COVERED', [4_200], { payer: newPayer }),
        testClaim('T-NOT-ANA', [4_200], { payer: newPayer, patient: CHILD }),
      ],
      3,
    );
    expect(report.claimFile?.claims.map((c) => [c.outcome, c.message])).toEqual([
      [
        'skipped',
        "Not imported: Account T-COVERED has Other Mutual as its primary coverage, not Brand New Health; correct the account's coverage, then import the file again.",
      ],
      [
        'skipped',
        "Not imported: Account T-NOT-ANA is another patient's account; check the patient control number, which names this account.",
      ],
    ]);
    expect({ ...tableCounts(ctx), import_files: 0 }).toEqual({ ...before, import_files: 0 });
  });

  it('keeps every cent: charges posted equal the claim totals exactly', () => {
    const amounts = [[1], [99, 1], [99_999_999_99, 1], [33_33, 33_33, 33_34]];
    const report = importClaims(
      'cents.837',
      amounts.map((a, i) => testClaim(`CENT-${i}`, a, { type: 'professional' })),
    );
    expect(report.claimFile?.chargesPosted).toBe(cents(1 + 100 + 100_000_000_00 + 100_00));
    amounts.forEach((a, i) => {
      const claim = claimOf(`CENT-${i}`);
      expect(claim.total).toBe(a.reduce((s, x) => s + x, 0));
      expect(chargesOn(claim.id)).toBe(claim.total);
    });
    expectCachesMatchLedger();
  });
});

describe('claim files that cannot be imported', () => {
  const good = () => claimFileText([testClaim('GOOD-1', [10_000, 2_500])]);

  it('rejects a cut-off file, garbage, and an 835 relabelled as an 837, posting nothing', () => {
    const remittance = remittanceFile([
      remitClaim({ patientControlNumber: 'X', charge: 100, paid: 100 }),
    ]);
    const cases: [string, string, RegExp][] = [
      [
        'cut.837',
        good().slice(0, Math.floor(good().length * 0.7)),
        /^The file ends inside transaction 0010; it may have been cut off\.$/,
      ],
      [
        'garbage.837',
        '\u0000\u0001binary\u00ff junk',
        /^The file has no ISA header: an X12 file begins with an ISA segment, and this one does not\. ClaimDesk imports X12 835 remittances, 277 claim status and 837 claim files\.$/,
      ],
      [
        'relabelled.837',
        remittance.replace('ST*835', 'ST*837'),
        /^This is not an 837 claim file: transaction 0001 is marked 837, but its functional group \(GS01\) is HP/,
      ],
      // cut before its first transaction: the functional group still says it is a claim file
      [
        'header-only.837',
        good().slice(0, good().indexOf('ST*')),
        /^The file ends inside functional group 10/,
      ],
    ];
    for (const [fileName, text, message] of cases) {
      const before = tableCounts(ctx);
      const report = call(ctx, 'importFile', { fileName, text });
      expect(report.status, fileName).toBe('rejected');
      expect(report.rejected[0]?.message, fileName).toMatch(message);
      expect(report.summary).toBe(`Rejected: ${report.rejected[0]?.message}`);
      expect({ ...tableCounts(ctx), import_files: 0 }).toEqual({ ...before, import_files: 0 });
    }
    const kinds = ctx.db.prepare(`SELECT kind FROM import_files ORDER BY id`).all();
    expect(kinds).toEqual([{ kind: '837' }, { kind: 'unknown' }, { kind: '837' }, { kind: '837' }]);
  });

  it('reads an 835 named like a claim file as the remittance it is, and says so', () => {
    const report = call(ctx, 'importFile', {
      fileName: 'claims-march.837',
      text: remittanceFile([
        remitClaim({ patientControlNumber: 'NOBODY', charge: 100, paid: 100 }),
      ]),
    });
    expect(report.kind).toBe('835');
    expect(report.warnings[0]?.message).toBe(
      'The file name says 837, but the file holds an 835 remittance; it was read as what it holds.',
    );
  });

  it('writes nothing at all when something fails halfway through a file', () => {
    ctx.db.exec(`CREATE TRIGGER fail_on_boom BEFORE INSERT ON claims WHEN NEW.claim_number = 'BOOM'
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expectRefused(
      ctx,
      'importFile',
      {
        fileName: 'boom.837',
        text: claimFileText([testClaim('FIRST', [1_000]), testClaim('BOOM', [2_000])]),
      },
      /^ClaimDesk could not complete that\. Nothing was saved\./,
    );
  });

  it('reads a claim dated after today as billed today', () => {
    const later = isoDate('2026-04-01');
    const report = call(ctx, 'importFile', {
      fileName: 'future.837',
      text: claimFileText(
        [
          testClaim('LATER-1', [1_000], {
            lines: [serviceLine(1, 1_000, { serviceDate: later })],
            statementFrom: later,
            statementTo: later,
          }),
        ],
        { today: later },
      ),
    });
    expect(report.status).toBe('posted');
    expect(
      ctx.db
        .prepare(
          `SELECT c.billed_date AS billed, l.posting_date AS posted FROM claims c
           JOIN ledger_entries l ON l.claim_id = c.id WHERE c.claim_number = 'LATER-1'`,
        )
        .get(),
    ).toEqual({ billed: TEST_TODAY, posted: TEST_TODAY });
  });
});
