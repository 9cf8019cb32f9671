import {
  insertedId,
  type AccountId,
  type ClaimId,
  type ClaimLineId,
  type PayerId,
  type PersonId,
  type UserId,
} from '../../shared/ids';
import type { IsoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import { appendLedgerEntries } from '../ledger/ledger';
import type { Ctx } from '../core/context';
import { run } from '../db/query';
import { recordUserChange } from '../users/changes';

/** Minimal rows for focused tests; the demo generator builds the realistic hospital. */
let counter = 0;
const next = () => ++counter;

export function addPayer(
  ctx: Ctx,
  over: { name?: string; appealWindowDays?: number } = {},
): PayerId {
  const n = next();
  return insertedId<PayerId>(
    run(
      ctx.db,
      `INSERT INTO payers (name, payer_code, financial_class, timely_filing_days, appeal_window_days)
         VALUES (?, ?, 'commercial', 180, ?)`,
      over.name ?? `Test Payer ${n}`,
      `P${n}`,
      over.appealWindowDays ?? 180,
    ),
  );
}

export function addPerson(
  ctx: Ctx,
  over: { last?: string; first?: string; dob?: string; phone?: string } = {},
): PersonId {
  const phone = over.phone ?? null;
  return insertedId<PersonId>(
    run(
      ctx.db,
      `INSERT INTO people (last_name, first_name, date_of_birth, phone, phone_digits, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      over.last ?? 'Testperson',
      over.first ?? 'Pat',
      over.dob ?? '1970-01-01',
      phone,
      phone ? phone.replace(/\D/g, '') : null,
      ctx.clock.now(),
    ),
  );
}

export function addAccount(
  ctx: Ctx,
  over: {
    patientId?: PersonId;
    number?: string;
    serviceDate?: IsoDate;
    payerId?: PayerId;
    facilityId?: number;
  } = {},
): { accountId: AccountId; patientId: PersonId; coverageId: number | null } {
  const patientId = over.patientId ?? addPerson(ctx);
  const accountId = insertedId<AccountId>(
    run(
      ctx.db,
      `INSERT INTO accounts (account_number, patient_id, guarantor_id, service_date,
           financial_class, created_at, facility_id)
         VALUES (?, ?, ?, ?, 'commercial', ?, ?)`,
      over.number ?? `T${String(next()).padStart(8, '0')}`,
      patientId,
      patientId,
      over.serviceDate ?? ctx.clock.today(),
      ctx.clock.now(),
      over.facilityId ?? 1,
    ),
  );
  let coverageId: number | null = null;
  if (over.payerId) {
    coverageId = Number(
      run(
        ctx.db,
        `INSERT INTO coverages (account_id, payer_id, priority, member_id) VALUES (?, ?, 1, 'M1')`,
        accountId,
        over.payerId,
      ).lastInsertRowid,
    );
  }
  return { accountId, patientId, coverageId };
}

export function addClaim(
  ctx: Ctx,
  accountId: AccountId,
  payerId: PayerId,
  over: { number?: string; status?: string; charge?: number } = {},
): ClaimId {
  return insertedId<ClaimId>(
    run(
      ctx.db,
      `INSERT INTO claims (claim_number, account_id, payer_id, status, total_charge, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      over.number ?? `K${String(next()).padStart(8, '0')}`,
      accountId,
      payerId,
      over.status ?? 'billed',
      over.charge ?? 10000,
      ctx.clock.now(),
    ),
  );
}

/** A billed claim with one line per charge, the charges posted on the insurance side. */
export function addBilledClaim(
  ctx: Ctx,
  accountId: AccountId,
  payerId: PayerId,
  charges: readonly number[],
  side: 'insurance' | 'patient' = 'insurance',
): { claimId: ClaimId; lineIds: ClaimLineId[] } {
  const total = charges.reduce((s, c) => s + c, 0);
  const claimId = addClaim(ctx, accountId, payerId, { charge: total });
  const today = ctx.clock.today();
  const lineIds = ctx.db.transaction(() => {
    const ids = charges.map((charge, i) =>
      insertedId<ClaimLineId>(
        run(
          ctx.db,
          `INSERT INTO claim_lines (claim_id, line_number, service_date, revenue_code, procedure_code, charge)
             VALUES (?, ?, ?, '0450', '99284', ?)`,
          claimId,
          i + 1,
          today,
          charge,
        ),
      ),
    );
    appendLedgerEntries(
      ctx.db,
      ids.map((lineId, i) => ({
        accountId,
        claimId,
        claimLineId: lineId,
        kind: 'charge' as const,
        side,
        amount: cents(charges[i] ?? 0),
        postingDate: today,
      })),
      { userId: ctx.userId, now: ctx.clock.now(), today },
    );
    return ids;
  })();
  return { claimId, lineIds };
}

/** Adds a coverage at the given priority (2 = secondary) to an account. */
export function addCoverage(
  ctx: Ctx,
  accountId: number,
  payerId: number,
  priority: number,
): number {
  return Number(
    run(
      ctx.db,
      `INSERT INTO coverages (account_id, payer_id, priority, member_id) VALUES (?, ?, ?, ?)`,
      accountId,
      payerId,
      priority,
      `M${priority}`,
    ).lastInsertRowid,
  );
}

/** Makes the signed-in user a supervisor (approvals, billing rules), recorded as Settings does. */
export function makeSupervisor(ctx: Ctx, userId: UserId = ctx.userId): void {
  run(ctx.db, `UPDATE users SET role = 'supervisor' WHERE id = ?`, userId);
  recordUserChange(ctx.db, userId, {
    why: 'Made a supervisor for the test',
    by: ctx.userId,
    now: ctx.clock.now(),
  });
}

/** A supervisor's permission given to the test user (statement runs), as Settings gives it. */
export function allowStatementRuns(ctx: Ctx, userId: number = ctx.userId): void {
  run(
    ctx.db,
    `INSERT OR IGNORE INTO user_permissions (user_id, permission, granted_by, granted_at)
       VALUES (?, 'run_statements', ?, ?)`,
    userId,
    userId,
    ctx.clock.now(),
  );
}

/** A mailing address for a person, so statements and letters can reach them. */
export function addAddress(ctx: Ctx, personId: number, line1 = '77 Lantern Way'): void {
  run(
    ctx.db,
    `INSERT INTO addresses (person_id, line1, city, state, zip, effective_date, recorded_at,
         recorded_by)
       VALUES (?, ?, 'Falmouth', 'ME', '04105', '2020-01-01', ?, ?)`,
    personId,
    line1,
    ctx.clock.now(),
    ctx.userId,
  );
}
