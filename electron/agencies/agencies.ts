import {
  PLACEMENT_COLUMN,
  type Agency,
  type AgencyDetail,
  type PlacementColumn,
  type Remittance,
} from '../../shared/api/agencies';
import type { ParsedInputOf } from '../../shared/api/contract';
import { conflict, notFound } from '../../shared/api/errors';
import type { Created } from '../../shared/api/method';
import type { Cents } from '../../shared/money/cents';
import type { Ctx, ReadCtx } from '../core/context';
import type { ReadDb } from '../db/open';
import { all, one, run } from '../db/query';
import { refuseWaitingAgency, takeWaitingAgencies } from '../office/held-agencies';
import { isSupervisor } from '../users/users';

interface AgencyRow {
  id: number;
  name: string;
  columns: string;
  commissionBps: number;
  remittance: Remittance;
  contact: string | null;
  active: number;
  placedNow: number;
  placedBalance: Cents;
}

const AGENCY_SQL = `SELECT g.id, g.name, g.columns, g.commission_bps AS commissionBps, g.remittance,
    g.contact, g.active,
    (SELECT count(*) FROM agency_placements p
      WHERE p.agency_id = g.id AND p.recalled_on IS NULL) AS placedNow,
    (SELECT ifnull(sum(p.balance_placed), 0) FROM agency_placements p
      WHERE p.agency_id = g.id AND p.recalled_on IS NULL) AS placedBalance
  FROM agencies g`;

/**
 * The stored layout, kept to the closed list even if the row was written by hand: a column
 * this version does not know is never sent.
 */
export function storedColumns(json: string): PlacementColumn[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) return ['account'];
  return PLACEMENT_COLUMN.keys.filter((k) => parsed.includes(k));
}

function toAgency(r: AgencyRow): Agency {
  return {
    id: r.id,
    name: r.name,
    columns: storedColumns(r.columns),
    commissionBps: r.commissionBps,
    remittance: r.remittance,
    contact: r.contact,
    active: r.active === 1,
    placedNow: r.placedNow,
    placedBalance: r.placedBalance,
  };
}

export function requireAgency(db: ReadDb, agencyId: number): Agency {
  const row = one<AgencyRow>(db, `${AGENCY_SQL} WHERE g.id = ?`, agencyId);
  if (!row) throw notFound('The agency');
  return toAgency(row);
}

export function listAgencies(
  ctx: ReadCtx,
  _input: ParsedInputOf<'listAgencies'>,
): { agencies: Agency[]; canChange: boolean } {
  return {
    agencies: all<AgencyRow>(ctx.db, `${AGENCY_SQL} ORDER BY g.active DESC, g.name`).map(toAgency),
    canChange: isSupervisor(ctx.db, ctx.userId),
  };
}

/** The agency's accounts (those placed now first, then the last recalled), files sent and paid. */
export function getAgency(ctx: ReadCtx, input: ParsedInputOf<'getAgency'>): AgencyDetail {
  const agency = requireAgency(ctx.db, input.agencyId);
  const placements = all<AgencyDetail['placements'][number]>(
    ctx.db,
    `SELECT p.id AS placementId, a.id AS accountId, a.account_number AS accountNumber,
         g.last_name || ', ' || g.first_name AS guarantorName, p.placed_on AS placedOn,
         p.balance_placed AS balancePlaced, a.insurance_balance + a.patient_balance AS balanceNow,
         (SELECT ifnull(sum(ap.gross), 0) FROM agency_payments ap
           WHERE ap.placement_id = p.id) AS collected,
         p.recalled_on AS recalledOn, p.recall_reason AS recallReason
       FROM agency_placements p JOIN accounts a ON a.id = p.account_id
       JOIN people g ON g.id = a.guarantor_id
       WHERE p.agency_id = ?
       ORDER BY p.recalled_on IS NOT NULL, p.recalled_on DESC, a.account_number
       LIMIT 2000`,
    agency.id,
  );
  return {
    agency,
    placements,
    batches: all<AgencyDetail['batches'][number]>(
      ctx.db,
      `SELECT id AS batchId, placed_on AS placedOn, account_count AS accountCount, balance
         FROM agency_placement_batches WHERE agency_id = ? ORDER BY id DESC LIMIT 100`,
      agency.id,
    ),
    paymentFiles: all<AgencyDetail['paymentFiles'][number]>(
      ctx.db,
      `SELECT id AS fileId, file_name AS fileName, imported_at AS importedAt,
           row_count AS rowCount, gross, commission
         FROM agency_payment_files WHERE agency_id = ? ORDER BY id DESC LIMIT 100`,
      agency.id,
    ),
  };
}

/** Adds or changes an agency; the name is unique whatever its case. */
export function saveAgency(ctx: Ctx, input: ParsedInputOf<'saveAgency'>): Created {
  const same = one<{ id: number }>(
    ctx.db,
    `SELECT id FROM agencies WHERE name = ? COLLATE NOCASE`,
    input.name,
  );
  if (same && same.id !== input.agencyId) {
    throw conflict(`An agency named ${input.name} is already kept.`);
  }
  const now = ctx.clock.now();
  const values = [
    input.name,
    JSON.stringify(input.columns),
    input.commissionBps,
    input.remittance,
    input.contact,
    input.active ? 1 : 0,
  ];
  if (input.agencyId != null) {
    requireAgency(ctx.db, input.agencyId);
    refuseWaitingAgency(ctx.db, input.agencyId, 'change');
    run(
      ctx.db,
      `UPDATE agencies SET name = ?, columns = ?, commission_bps = ?, remittance = ?,
           contact = ?, active = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
      ...values,
      now,
      ctx.userId,
      input.agencyId,
    );
    // a rename may free the name an office agency's change waits on here
    takeWaitingAgencies(ctx.db);
    return { id: input.agencyId };
  }
  const result = run(
    ctx.db,
    `INSERT INTO agencies (name, columns, commission_bps, remittance, contact, active,
         created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ...values,
    now,
    ctx.userId,
    now,
    ctx.userId,
  );
  return { id: Number(result.lastInsertRowid) };
}
