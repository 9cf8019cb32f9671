import type { IsoDate } from '../../shared/dates/iso-date';
import type { Ctx } from '../api/context';

/** Minimal rows for focused tests; the demo generator builds the realistic hospital. */
let counter = 0;
const next = () => ++counter;

export function addPayer(
  ctx: Ctx,
  over: { name?: string; appealWindowDays?: number } = {},
): number {
  const n = next();
  return Number(
    ctx.db
      .prepare(
        `INSERT INTO payers (name, payer_code, financial_class, timely_filing_days, appeal_window_days)
         VALUES (?, ?, 'commercial', 180, ?)`,
      )
      .run(over.name ?? `Test Payer ${n}`, `P${n}`, over.appealWindowDays ?? 180).lastInsertRowid,
  );
}

export function addPerson(
  ctx: Ctx,
  over: { last?: string; first?: string; dob?: string; phone?: string } = {},
): number {
  const phone = over.phone ?? null;
  return Number(
    ctx.db
      .prepare(
        `INSERT INTO people (last_name, first_name, date_of_birth, phone, phone_digits, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        over.last ?? 'Testperson',
        over.first ?? 'Pat',
        over.dob ?? '1970-01-01',
        phone,
        phone ? phone.replace(/\D/g, '') : null,
        ctx.clock.now(),
      ).lastInsertRowid,
  );
}

export function addAccount(
  ctx: Ctx,
  over: { patientId?: number; number?: string; serviceDate?: IsoDate; payerId?: number } = {},
): { accountId: number; patientId: number; coverageId: number | null } {
  const patientId = over.patientId ?? addPerson(ctx);
  const accountId = Number(
    ctx.db
      .prepare(
        `INSERT INTO accounts (account_number, patient_id, guarantor_id, service_date,
           financial_class, created_at)
         VALUES (?, ?, ?, ?, 'commercial', ?)`,
      )
      .run(
        over.number ?? `T${String(next()).padStart(8, '0')}`,
        patientId,
        patientId,
        over.serviceDate ?? ctx.clock.today(),
        ctx.clock.now(),
      ).lastInsertRowid,
  );
  let coverageId: number | null = null;
  if (over.payerId) {
    coverageId = Number(
      ctx.db
        .prepare(
          `INSERT INTO coverages (account_id, payer_id, priority, member_id) VALUES (?, ?, 1, 'M1')`,
        )
        .run(accountId, over.payerId).lastInsertRowid,
    );
  }
  return { accountId, patientId, coverageId };
}

export function addClaim(
  ctx: Ctx,
  accountId: number,
  payerId: number,
  over: { number?: string; status?: string; charge?: number } = {},
): number {
  return Number(
    ctx.db
      .prepare(
        `INSERT INTO claims (claim_number, account_id, payer_id, status, total_charge, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        over.number ?? `K${String(next()).padStart(8, '0')}`,
        accountId,
        payerId,
        over.status ?? 'billed',
        over.charge ?? 10000,
        ctx.clock.now(),
      ).lastInsertRowid,
  );
}
