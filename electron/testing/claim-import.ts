import { expect } from 'vitest';
import type { AccountId } from '../../shared/ids';
import type { IsoDate } from '../../shared/dates/iso-date';
import { all, one } from '../db/query';
import type { Claim837 } from '../importers/claims/claim-types';
import { accountAging } from '../ledger/ledger';
import { call } from './call';
import { CHILD, claimFileText, SUBSCRIBER, testClaim } from './claims';
import { staleQueueColumns, type TestCtx } from './test-db';

/** Imports 837 claim files for the importer's tests, and reads back what they wrote. */

export function importClaims(
  ctx: TestCtx,
  fileName: string,
  claims: readonly Claim837[],
  controlNumber = 1,
) {
  return call(ctx, 'importFile', {
    fileName,
    text: claimFileText(claims, { controlNumber }),
  });
}

export function accountOf(ctx: TestCtx, pcn: string) {
  return one(
    ctx.db,
    `SELECT id, patient_id AS patientId, guarantor_id AS guarantorId,
       guarantor_relationship AS relationship, service_date AS serviceDate,
       discharge_date AS dischargeDate, financial_class AS financialClass,
       insurance_balance AS insurance, patient_balance AS patient
     FROM accounts WHERE account_number = ?`,
    pcn,
  ) as {
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

export function claimOf(ctx: TestCtx, pcn: string) {
  return one(
    ctx.db,
    `SELECT id, status, total_charge AS total, frequency_code AS frequency, fingerprint,
       payer_claim_number AS payerClaimNumber, voided_at AS voidedAt, diagnosis_codes AS diagnoses,
       prior_authorization AS priorAuthorization, import_file_id AS importFileId
     FROM claims WHERE claim_number = ?`,
    pcn,
  ) as {
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
export function chargesOn(ctx: TestCtx, claimId: number): number {
  return (
    one(
      ctx.db,
      `SELECT ifnull(sum(amount), 0) AS n FROM ledger_entries WHERE claim_id = ? AND kind = 'charge'`,
      claimId,
    ) as { n: number }
  ).n;
}

/** Every account's cached balances and oldest open date are what its ledger gives. */
export function expectCachesMatchLedger(ctx: TestCtx): void {
  const accounts = all<{
    id: AccountId;
    insurance: number;
    patient: number;
    oldest: string | null;
  }>(
    ctx.db,
    `SELECT id, insurance_balance AS insurance, patient_balance AS patient,
       oldest_open_date AS oldest FROM accounts`,
  );
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

export const history = (ctx: TestCtx, accountId: number): string[] =>
  all<{ body: string }>(
    ctx.db,
    `SELECT body FROM activities WHERE account_id = ? ORDER BY id`,
    accountId,
  ).map((r) => r.body);

export const dependentClaim = (pcn: string, charges: number[]) =>
  testClaim(pcn, charges, {
    patient: CHILD,
    subscriber: { ...SUBSCRIBER, relationship: null },
  });
