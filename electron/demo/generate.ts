import { insertedId, type PayerId, type UserId } from '../../shared/ids';
import type { DemoLoadResult } from '../../shared/api/app';
import { isIsoDate, type IsoDate } from '../../shared/dates/iso-date';
import { recordOpenDenials } from '../denials/from-follow-ups';
import type { Db } from '../db/open';
import { DEMO_PAYERS, DEMO_USERS, FACILITY, type PayerCode } from './catalog';
import type { StaffMember } from './household';
import type { PayerInfo } from './plan';
import { rowBatches, type PlanSetup } from './batches';
import { rowBatchesInWorker } from './plan-worker';
import { DemoWriter, nextDemoIds, nextLedgerId } from './writer';
import { recordUserState } from '../audit/user-states';
import { oneOrThrow, prepare, run } from '../db/query';
import { insertFacilities } from './facilities';

/**
 * Builds the demo hospital: a facility, its billing staff, payers, and a couple of years
 * of patients, accounts, claims, remittances, postings, notes and follow-ups.
 * Deterministic: the same seed and the same today give the same database.
 */

/** Bump whenever a change makes the generator write different data (saved bench databases are rebuilt). */
export const DEMO_GENERATOR_VERSION = 2;
export const DEFAULT_DEMO_SEED = 20_260_615;

export interface DemoOptions {
  today: IsoDate;
  /** ISO timestamp; nothing generated is dated after it */
  now: string;
  scale: DemoScale;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
  rowsPerStatement?: number;
  planInWorker?: boolean;
  onReadsBegin?: () => void;
}

const SCALES = {
  // one transaction: a demo load is all or nothing
  demo: { accounts: 5_000, accountsPerTransaction: Number.POSITIVE_INFINITY },
  bench: { accounts: 200_000, accountsPerTransaction: 5_000 },
  // a health system's size; larger transactions, as a commit there is most of a second's writing
  million: { accounts: 1_000_000, accountsPerTransaction: 25_000 },
} as const;

export type DemoScale = keyof typeof SCALES;
export const DEMO_SCALES = Object.keys(SCALES) as DemoScale[];

export function generateDemoData(db: Db, options: DemoOptions): DemoLoadResult {
  const scale = SCALES[options.scale];
  return buildHospital(db, {
    today: options.today,
    now: options.now,
    seed: options.seed,
    accounts: scale.accounts,
    accountsPerTransaction: scale.accountsPerTransaction,
    onProgress: options.onProgress,
    rowsPerStatement: options.rowsPerStatement,
    planInWorker: options.planInWorker,
    onReadsBegin: options.onReadsBegin,
  });
}

export interface BuildOptions {
  today: IsoDate;
  now: string;
  seed?: number | undefined;
  accounts: number;
  /** accounts written per transaction; Infinity for a single all-or-nothing transaction */
  accountsPerTransaction: number;
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** rows per INSERT; above 1 only with foreign keys off, as a fast bench build has them */
  rowsPerStatement?: number | undefined;
  /** plan the households on a worker thread while this one writes (see plan-worker.ts) */
  planInWorker?: boolean | undefined;
  /**
   * Called before the generator first reads back the rows it wrote: once they are all in
   * (the open denials), or at the start where the ledger is posted row by row, reading the
   * balances as it goes. A build that defers indexes makes those reads' then (fast-build.ts).
   */
  onReadsBegin?: (() => void) | undefined;
}

function insertFacility(db: Db): void {
  // a facility someone already set up is theirs; the demo only fills an empty one
  run(
    db,
    `INSERT OR IGNORE INTO facility (id, name, line1, line2, city, state, zip, phone, fax, npi,
       tax_id, web, billing_office_hours, remit_to, payment_url, assistance_phone, assistance_url,
       assistance_summary_url, language_taglines)
     VALUES (1, @name, @line1, @line2, @city, @state, @zip, @phone, @fax, @npi, @tax_id, @web,
       @billing_office_hours, @remit_to, @payment_url, @assistance_phone, @assistance_url,
       @assistance_summary_url, @language_taglines)`,
    FACILITY,
  );
}

function insertStaff(db: Db, now: string): StaffMember[] {
  const find = prepare<{ id: UserId }>(db, `SELECT id FROM users WHERE username = ?`);
  const insert = prepare(
    db,
    `INSERT INTO users (username, display_name, title, phone, email, role, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  return DEMO_USERS.map((u) => {
    const existing = find.get(u.username);
    if (existing) return { ...u, id: existing.id };
    const id = insertedId<UserId>(
      insert.run(u.username, u.displayName, u.title, u.phone, u.email, u.role, now),
    );
    recordUserState(db, id, now, id);
    return { ...u, id };
  });
}

function insertPayers(db: Db): Map<PayerCode, PayerInfo> {
  const insert = prepare(
    db,
    `INSERT INTO payers (name, payer_code, financial_class,
       claims_line1, claims_line2, claims_city, claims_state, claims_zip,
       appeals_line1, appeals_line2, appeals_city, appeals_state, appeals_zip,
       phone, fax, appeals_fax, timely_filing_days, appeal_window_days)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (payer_code) DO NOTHING`,
  );
  const find = prepare(
    db,
    `SELECT id, appeal_window_days AS appealWindowDays, timely_filing_days AS timelyFilingDays FROM payers WHERE payer_code = ?`,
  );
  const payers = new Map<PayerCode, PayerInfo>();
  for (const p of DEMO_PAYERS) {
    insert.run(
      p.name,
      p.code,
      p.financialClass,
      p.claims.line1,
      p.claims.line2,
      p.claims.city,
      p.claims.state,
      p.claims.zip,
      p.appeals.line1,
      p.appeals.line2,
      p.appeals.city,
      p.appeals.state,
      p.appeals.zip,
      p.phone,
      p.fax,
      p.appealsFax,
      p.timelyFilingDays,
      p.appealWindowDays,
    );
    // a payer that was already there keeps its own windows, and deadlines must follow them
    const row = find.get(p.code) as {
      id: PayerId;
      appealWindowDays: number;
      timelyFilingDays: number;
    };
    payers.set(p.code, { ...p, ...row });
  }
  return payers;
}

function count(db: Db, sql: string): number {
  return oneOrThrow<{ n: number }>(db, sql).n;
}

export function buildHospital(db: Db, options: BuildOptions): DemoLoadResult {
  const { today, now, accounts: total } = options;
  if (!isIsoDate(today))
    throw new Error(`Demo data needs a calendar date for today, got "${String(today)}".`);
  if (count(db, `SELECT count(*) AS n FROM accounts`) > 0) {
    throw new Error(
      'Demo data can only be loaded into an empty database; this one already has accounts.',
    );
  }
  const perTransaction = Math.max(1, options.accountsPerTransaction);

  const plannedLedger = (options.rowsPerStatement ?? 1) > 1;
  if (!plannedLedger) options.onReadsBegin?.();
  const build = () => {
    const setup: PlanSetup = db.transaction(() => {
      insertFacility(db);
      insertFacilities(db);
      const staff = insertStaff(db, now);
      const registrar = staff.find((u) => u.role === 'supervisor') ?? staff[0];
      if (!registrar) throw new Error('demo: no staff');
      return {
        seed: options.seed ?? DEFAULT_DEMO_SEED,
        accounts: total,
        today,
        now,
        staff,
        payers: insertPayers(db),
        registrarId: registrar.id,
        nextIds: nextDemoIds(db),
        // many rows per INSERT, the ledger's posting is planned with the rest
        nextLedgerId: plannedLedger ? nextLedgerId(db) : null,
      };
    })();
    const writer = new DemoWriter(db, today, now, options.rowsPerStatement);
    const batches = options.planInWorker ? rowBatchesInWorker(setup) : rowBatches(setup);
    let done = 0;
    try {
      const writeUpTo = db.transaction((limit: number) => {
        while (done < limit) {
          const next = batches.next();
          if (next.done) throw new Error('demo: the plan ended before its accounts');
          writer.write(next.value);
          done += next.value.accounts;
        }
      });
      while (done < total) {
        writeUpTo(Math.min(total, done + perTransaction));
        options.onProgress?.(done, total);
      }
      db.transaction(() => writer.finish())();
    } finally {
      batches.return();
    }
  };
  // nested db.transaction calls become savepoints, so a demo load stays one transaction
  if (perTransaction >= total) db.transaction(build)();
  else build();
  options.onReadsBegin?.();
  const supervisor = oneOrThrow<{ id: UserId }>(
    db,
    `SELECT id FROM users ORDER BY role = 'supervisor' DESC, id LIMIT 1`,
  );
  db.transaction(() => recordOpenDenials(db, supervisor.id, now))();

  return {
    patients: count(db, `SELECT count(DISTINCT patient_id) AS n FROM accounts`),
    accounts: count(db, `SELECT count(*) AS n FROM accounts`),
    claims: count(db, `SELECT count(*) AS n FROM claims`),
    ledgerEntries: count(db, `SELECT count(*) AS n FROM ledger_entries`),
  };
}
