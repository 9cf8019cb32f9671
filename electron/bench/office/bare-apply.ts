/**
 * The bare side of the 10,000-entry benchmark: node-postgres writing the rows of the
 * desktop's entries, one transaction per entry, with nothing of the office around them.
 */
import pg from 'pg';

import { openPool, type ServerConfig } from '../../office/server/connection';
import { migrateServer } from '../../office/server/migrate';
import { registerDesktop, uploadBase } from '../../office/server/office';
import type { Change, FollowUpRow } from '../../office/wire';
import { summarize, type Timing } from '../measure';
import type { NewDatabase } from './office';

export interface Side {
  seconds: number;
  /** this process's CPU time: on a machine others are busy with, the figure to compare */
  cpuSeconds: number;
  perSecond: number;
  perEntry: Timing;
}

/**
 * A database for the bare side, made as the office is: migrated, the desk registered and
 * the first copy's follow-ups uploaded by the owner. Returns the owner's settings.
 */
export async function bareDatabase(
  newDatabase: NewDatabase,
  desktopId: string,
  followUps: { gid: string; row: FollowUpRow }[],
): Promise<ServerConfig> {
  const server = await newDatabase();
  const pool = openPool(server);
  try {
    await migrateServer(pool);
    await registerDesktop(pool, desktopId, 'bare');
    await uploadBase(pool, desktopId, followUps);
  } finally {
    await pool.end();
  }
  return server;
}

/** Entries a turn: small enough that a change in the machine's load falls on both sides. */
const TURN = 250;

/**
 * What writing the same rows costs with nothing of the office around it (no version check,
 * no record of the entry, no change log, no notification, no local copy), once as a desk's
 * login and once as the database's owner, each into a database of its own. The desk's
 * login first takes over the desk the owner registered, as a desktop does on connecting.
 * The two take turns by a few hundred entries, each turn's first side alternating, so that
 * others' load on the machine, which comes and goes, is shared by both: the owner's time
 * against the desk's is row-level security's cost alone.
 */
export async function bareApply(
  sides: { desk: ServerConfig; owner: ServerConfig },
  desktopId: string,
  entries: readonly Change[][],
): Promise<{ desk: Side; owner: Side }> {
  const pool = openPool(sides.desk);
  try {
    await registerDesktop(pool, desktopId, 'bare');
  } finally {
    await pool.end();
  }
  const desk = new Writer(sides.desk);
  const owner = new Writer(sides.owner);
  try {
    await desk.client.connect();
    await owner.client.connect();
    for (let from = 0, turn = 0; from < entries.length; from += TURN, turn++) {
      const part = entries.slice(from, from + TURN);
      for (const w of turn % 2 === 0 ? [desk, owner] : [owner, desk]) {
        await w.write(desktopId, part);
      }
    }
  } finally {
    await desk.client.end();
    await owner.client.end();
  }
  return { desk: desk.side(), owner: owner.side() };
}

class Writer {
  readonly client: pg.Client;
  private readonly times: number[] = [];
  private ms = 0;
  private cpu = 0;

  constructor(server: ServerConfig) {
    this.client = new pg.Client(server);
  }

  async write(desktopId: string, entries: readonly Change[][]): Promise<void> {
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (const changes of entries) {
      const t = performance.now();
      await this.client.query('BEGIN');
      for (const c of changes) await bareWrite(this.client, desktopId, c);
      await this.client.query('COMMIT');
      this.times.push(performance.now() - t);
    }
    this.ms += performance.now() - start;
    const used = process.cpuUsage(cpu);
    this.cpu += (used.user + used.system) / 1e6;
  }

  side(): Side {
    const seconds = this.ms / 1000;
    return {
      seconds,
      cpuSeconds: this.cpu,
      perSecond: this.times.length / seconds,
      perEntry: summarize(this.times),
    };
  }
}

async function bareWrite(client: pg.Client, desktopId: string, c: Change): Promise<void> {
  switch (c.tbl) {
    case 'activities': {
      const a = c.row;
      await client.query(
        `INSERT INTO activities (gid, account_gid, claim_gid, kind, direction, party, outcome,
             body, user_gid, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          c.gid,
          a.accountGid,
          a.claimGid,
          a.kind,
          a.direction,
          a.party,
          a.outcome,
          a.body,
          a.userGid,
          a.occurredAt,
        ],
      );
      return;
    }
    case 'follow_ups': {
      const f = c.row;
      const values: unknown[] = [
        c.gid,
        f.accountGid,
        f.claimGid,
        f.kind,
        f.status,
        f.dueDate,
        f.deadlineDate,
        f.ownerGid,
        f.reason,
        f.createdAt,
        f.createdBy,
        f.completedAt,
        f.completedBy,
        c.version,
      ];
      await client.query(
        c.op === 'insert'
          ? `INSERT INTO follow_ups (gid, account_gid, claim_gid, kind, status, due_date,
                 deadline_date, owner_gid, reason, created_at, created_by, completed_at,
                 completed_by, version)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`
          : `UPDATE follow_ups SET account_gid = $2, claim_gid = $3, kind = $4, status = $5,
                 due_date = $6, deadline_date = $7, owner_gid = $8, reason = $9,
                 created_at = $10, created_by = $11, completed_at = $12, completed_by = $13,
                 version = $14
               WHERE gid = $1`,
        values,
      );
      return;
    }
    case 'receipts': {
      const r = c.row;
      await client.query(
        `INSERT INTO receipts (gid, account_gid, kind, payer_gid, method, check_number,
             reference, amount, received_date, memo, reverses_gid, created_at, created_by,
             desktop_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          c.gid,
          r.accountGid,
          r.kind,
          r.payerGid,
          r.method,
          r.checkNumber,
          r.reference,
          r.amount,
          r.receivedDate,
          r.memo,
          r.reversesGid,
          r.createdAt,
          r.createdBy,
          desktopId,
        ],
      );
      return;
    }
    case 'ledger_entries': {
      const l = c.row;
      await client.query(
        `INSERT INTO ledger_entries (gid, account_gid, claim_gid, claim_line_gid, kind, side,
             amount, posting_date, payer_gid, reference, reason_code, memo, reverses_gid,
             receipt_gid, created_at, created_by, desktop_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
        [
          c.gid,
          l.accountGid,
          l.claimGid,
          l.claimLineGid,
          l.kind,
          l.side,
          l.amount,
          l.postingDate,
          l.payerGid,
          l.reference,
          l.reasonCode,
          l.memo,
          l.reversesGid,
          l.receiptGid,
          l.createdAt,
          l.createdBy,
          desktopId,
        ],
      );
    }
  }
}
