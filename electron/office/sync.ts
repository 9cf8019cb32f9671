import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import type { Ctx } from '../core/context';
import { run } from '../db/query';
import { inWriteTransaction } from '../upkeep/upkeep';
import { officeLink, requireOfficeLink } from './gids';
import { firstOutboxEntry, sealOutbox } from './outbox';
import { syncStep } from './steps';
import { applyEntry, CHANGES_CHANNEL } from './server/apply';
import { clientConfig, openPool, type ServerConfig } from './server/connection';
import { MARKS_CHANNEL } from './server/working';
import { migrateServer, type SchemaCheck } from './server/migrate';
import {
  baseCursor,
  DeskOfAnotherLogin,
  fetchFollowUps,
  readChanges,
  registerDesktop,
} from './server/office';
import { uploadOffice, type OnProgress } from './server/upload';
import { copySource, copyWhileLinking, prepareCopy } from './copy';
import { linkOffice, unlinkOffice } from './link';
import { withCaptureOff } from './capture';
import { heldDocuments, placeDocumentFiles, removeFiles, sendDocumentFiles } from './documents';
import { OfficeRefused } from './refused';
import { sendBaseFiles } from './base-documents';
import { trackDenialsByOffice } from './denial-follow-ups';
import { takeRows } from './take';
import { refusedWithFollowers, takeServerState } from './take-refused';
import { purgeHintsOf, takePulledPage, takeWithDeidentified } from './deidentified';
import { fetchRecords } from './server/record-changes';
import { officeStatusEvents } from './server/status-events';
import { heardFrom } from './status-events';
import { isChangeableChange, type ChangeableTable } from './record-columns';

/** What an office's first upload held. */
export interface UploadSummary {
  accounts: number;
  ledgerRows: number;
  followUps: number;
  bytes: number;
}

/** Where the plain copy sent to the office is made; removed when the upload ends. */
export const uploadCopyPath = (databasePath: string) => `${databasePath}.office-upload`;

/** The cursor of a link whose upload has not finished: nothing may be sent or pulled yet. */
export const UPLOAD_UNFINISHED = '0';

export interface PushResult {
  accepted: number;
  refused: number;
}

/**
 * A desktop's sync with its office's server, for the main process (never on the path of
 * a screen). Each step is asked for explicitly (tests drive it directly; the app calls
 * `sync()` when LISTEN/NOTIFY wakes it and after its own writes). Local writes are short
 * transactions of their own between the server's answers; one is refused while another
 * transaction is open on the connection, and the step is tried again at the next wake.
 */
export class OfficeSync {
  private readonly pool: pg.Pool;
  private schema: SchemaCheck | undefined;
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: Ctx,
    private readonly config: ServerConfig,
    private readonly name: string = os.hostname(),
    private readonly onLost: () => void = () => undefined,
  ) {
    this.pool = openPool(config);
    // an idle connection the server or the network dropped: without a listener the
    // process would die of it; the next step opens a new one
    this.pool.on('error', () => this.onLost());
  }

  /**
   * Brings the server's schema up to this desktop's and checks it: a server already
   * past this desktop means "update ClaimDesk", one behind it that this login may not
   * update (a desk's own login) "the supervisor updates the server", and a desk that is
   * another login's says so; until then nothing is sent or pulled and work goes on in the
   * local copy, its outbox waiting.
   */
  async connect(): Promise<SchemaCheck> {
    this.schema = await migrateServer(this.pool);
    const link = officeLink(this.ctx.db);
    if (this.schema.ok && link) {
      try {
        await registerDesktop(this.pool, link.desktopId, this.name);
      } catch (error) {
        // another login's desk: everything sent as it would be refused, so nothing is
        if (!(error instanceof DeskOfAnotherLogin)) throw error;
        this.schema = { ok: false, serverVersion: this.schema.version, message: error.message };
      }
    }
    return this.schema;
  }

  /**
   * Makes this copy the office's database: links it and, in the same local transaction,
   * copies it to a file (copy.ts says why nothing lands in both or neither), then uploads
   * the file and its rows in one server transaction that ends with the ledger check. Should
   * anything fail, the desktop is standalone again and what it wrote meanwhile stays here.
   */
  async createOffice(progress: OnProgress = () => undefined): Promise<UploadSummary> {
    await this.requireSchema();
    const desktopId = crypto.randomUUID();
    await registerDesktop(this.pool, desktopId, this.name);
    const file = uploadCopyPath(this.ctx.databasePath);
    try {
      progress({ stage: 'copying', done: 0, total: 1 });
      this.localWrite(() => {
        this.link(desktopId, UPLOAD_UNFINISHED);
        copyWhileLinking(this.ctx, file);
      });
      try {
        const facts = prepareCopy(file, this.ctx.databaseKey ?? null);
        progress({ stage: 'copying', done: 1, total: 1 });
        syncStep('copied');
        // the files of documents filed before the office, which its rows name
        await sendBaseFiles(
          this.pool,
          this.ctx.databasePath,
          this.ctx.databaseKey ?? null,
          file,
          (done, total) => progress({ stage: 'uploading', done, total }),
        );
        const source = copySource(file, facts, desktopId);
        let cursor: string;
        try {
          cursor = await uploadOffice(this.pool, desktopId, source, progress);
        } finally {
          source.close();
        }
        this.localWrite(() => run(this.ctx.db, `UPDATE office_link SET cursor = ?`, cursor));
        const { accounts, ledgerRows, followUps, bytes } = facts;
        return { accounts, ledgerRows, followUps, bytes };
      } catch (error) {
        this.localWrite(() => unlinkOffice(this.ctx.db));
        throw error;
      }
    } finally {
      fs.rmSync(file, { force: true });
    }
  }

  /**
   * After a crash while this desktop made the office (its link still at UPLOAD_UNFINISHED),
   * the server says how it ended: the upload committed (the link takes its cursor) or it
   * did not (the desktop is standalone again, as after a refused upload).
   */
  async settleUnfinishedUpload(): Promise<'linked' | 'standalone'> {
    await this.requireSchema();
    const link = requireOfficeLink(this.ctx.db);
    const { rows } = await this.pool.query<{ cursor: string; by: string }>(
      `SELECT base_cursor::text AS cursor, uploaded_by::text AS by FROM office WHERE id = 1`,
    );
    const office = rows[0];
    if (office?.by === link.desktopId) {
      this.localWrite(() => run(this.ctx.db, `UPDATE office_link SET cursor = ?`, office.cursor));
      return 'linked';
    }
    this.localWrite(() => unlinkOffice(this.ctx.db));
    return 'standalone';
  }

  /** Joins the office with a copy of the database it was made from. */
  async joinOffice(): Promise<void> {
    await this.requireSchema();
    const cursor = await baseCursor(this.pool);
    if (cursor === undefined) throw new OfficeRefused('This office has no database yet.');
    const desktopId = crypto.randomUUID();
    await registerDesktop(this.pool, desktopId, this.name);
    this.localWrite(() => this.link(desktopId, cursor));
  }

  private link(desktopId: string, cursor: string): void {
    linkOffice(this.ctx.db, desktopId, cursor, this.ctx.clock.now());
  }

  private async requireSchema(): Promise<void> {
    const schema = this.schema ?? (await this.connect());
    if (!schema.ok) throw new OfficeRefused(schema.message);
  }

  /** Sends the outbox in order, one entry per server transaction, until it is empty. */
  push(): Promise<PushResult> {
    return this.inTurn(() => this.pushNow());
  }

  private async pushNow(): Promise<PushResult> {
    const result: PushResult = { accepted: 0, refused: 0 };
    if (!(this.schema?.ok ?? false)) return result;
    const { desktopId } = requireOfficeLink(this.ctx.db);
    for (;;) {
      const entry = firstOutboxEntry(this.ctx.db);
      if (!entry) return result;
      // a document's file reaches the office before the entry that names it
      await sendDocumentFiles(this.pool, this.ctx, entry.changes);
      const outcome = await applyEntry(
        this.pool,
        desktopId,
        { seq: entry.seq, changes: entry.changes },
        purgeHintsOf(this.ctx.db, entry.changes),
      );
      syncStep('answered');
      if (outcome.outcome === 'accepted') {
        this.localWrite(() => run(this.ctx.db, `DELETE FROM outbox WHERE seq = ?`, entry.seq));
        syncStep('recorded');
        result.accepted += 1;
        continue;
      }
      // the rows as the server has them now, of the refused entry and the later ones built
      // on it, read before the local transaction opens
      const touched = new Set<string>();
      const records: { tbl: ChangeableTable; gid: string }[] = [];
      const refusedNow = refusedWithFollowers(this.ctx.db, entry.seq, outcome.reason);
      for (const r of refusedNow) {
        for (const c of r.entry.changes) {
          if (c.tbl === 'follow_ups') touched.add(c.gid);
          else if (c.op === 'update' && isChangeableChange(c)) records.push(c);
        }
      }
      const current = [
        ...(await fetchFollowUps(this.pool, [...touched])),
        ...(await fetchRecords(this.pool, records)),
        // the office's events of the 277s refused here, another desk's of the same file
        ...(await officeStatusEvents(
          this.pool,
          heardFrom(refusedNow.flatMap((r) => r.entry.changes)),
        )),
      ];
      const refused = this.localWrite(() => {
        // a denial refused for another desk's open follow-up goes again, tracked by that one
        if (trackDenialsByOffice(this.ctx.db, entry.seq, outcome.serverRows)) return 0;
        const office = [...current, ...outcome.serverRows];
        const entries = refusedWithFollowers(this.ctx.db, entry.seq, outcome.reason, office);
        takeWithDeidentified(this.ctx, office, () =>
          takeServerState(this.ctx.db, entries, office, this.ctx.clock.now()),
        );
        return entries.length;
      });
      syncStep('recorded');
      result.refused += refused;
    }
  }

  /** Takes what the other desktops changed since this copy's cursor; returns rows taken. */
  pull(): Promise<number> {
    return this.inTurn(() => this.pullNow());
  }

  private async pullNow(): Promise<number> {
    if (!(this.schema?.ok ?? false)) return 0;
    let taken = 0;
    // a page at a time, each in its own local transaction: a desktop back after a long
    // time away holds one page in memory, and an interrupted pull resumes where it stopped
    for (;;) {
      const link = requireOfficeLink(this.ctx.db);
      const page = await readChanges(this.pool, link.cursor);
      // an account's statement stage the office answered back to this desk's is taken too,
      // and a rule of this desk's that replaced one passed over, at the office's version
      const others = page.changes
        .filter(
          (c) =>
            c.desktopId !== link.desktopId ||
            c.row.tbl === 'dunning_stages' ||
            c.row.tbl === 'billing_rules',
        )
        .map((c) => c.row);
      // the files of new documents, fetched and checked before the rows are written
      const placed = await placeDocumentFiles(this.pool, this.ctx, [
        ...others,
        ...heldDocuments(this.ctx.db),
      ]);
      try {
        taken += this.localWrite(() => {
          // what was noted outside a request (an upgrade's migration) goes as this desk left
          // it, before the office's rows are written over it
          sealOutbox(this.ctx.db, this.ctx.clock.now(), this.ctx.userId);
          // a late record's blanked texts go on to the next page, for its history line there
          const n = takePulledPage(
            this.ctx,
            others,
            () => takeRows(this.ctx.db, others),
            page.more,
          );
          run(this.ctx.db, `UPDATE office_link SET cursor = ?`, page.cursor);
          return n;
        });
      } catch (error) {
        removeFiles(placed);
        throw error;
      }
      if (!page.more) return taken;
    }
  }

  /** Sends, then takes: what this desktop did reaches the office before others' changes land. */
  sync(): Promise<{ push: PushResult; pulled: number }> {
    return this.inTurn(async () => {
      const push = await this.pushNow();
      return { push, pulled: await this.pullNow() };
    });
  }

  /**
   * One step at a time: a wake-up that comes while a sync runs waits for it, so two
   * steps never send the same entry or move the cursor at once.
   */
  private inTurn<T>(step: () => Promise<T>): Promise<T> {
    const next = this.turn.then(step);
    this.turn = next.catch(() => undefined);
    return next;
  }

  /**
   * Calls `wake` whenever another desktop's entry commits on the server, `marksChanged`
   * when another desktop's working mark changes (electron/office/working.ts), and `onLost`
   * when the listening connection breaks. Returns the function that stops listening.
   */
  async listen(
    wake: () => void,
    marksChanged: () => void = () => undefined,
  ): Promise<() => Promise<void>> {
    const { desktopId } = requireOfficeLink(this.ctx.db);
    const client = new pg.Client(clientConfig(this.config));
    let ending = false;
    const lost = () => {
      if (!ending) this.onLost();
      ending = true;
    };
    client.on('error', lost);
    client.on('end', lost);
    await client.connect();
    client.on('notification', (n) => {
      if (n.payload === desktopId) return;
      if (n.channel === CHANGES_CHANNEL) wake();
      else if (n.channel === MARKS_CHANNEL) marksChanged();
    });
    await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    await client.query(`LISTEN ${MARKS_CHANNEL}`);
    return () => {
      ending = true;
      return client.end();
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private localWrite<T>(work: () => T): T {
    if (this.ctx.db.inTransaction) throw new LocalCopyBusy();
    return inWriteTransaction(this.ctx, () => withCaptureOff(this.ctx.db, work));
  }
}

/** Another piece of work holds the local copy's transaction; sync again at the next wake. */
export class LocalCopyBusy extends Error {
  constructor() {
    super('The local copy is busy with other work; sync will try again.');
    this.name = 'LocalCopyBusy';
  }
}
