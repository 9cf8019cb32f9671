import type {
  OfficeJoined,
  OfficeMade,
  OfficeStatusView,
  OfficeTransfer,
} from '../../shared/api/office';
import { conflict } from '../../shared/api/errors';
import type { Ctx } from '../core/context';
import { officeLink } from './gids';
import {
  joinOffice,
  makeOffice,
  NO_SERVER,
  removeUploadCopy,
  settleUnfinishedUpload,
  type OfficeHost,
} from './membership';
import { REPLAYED } from './refused';
import type { OfficeServerInput, OfficeServerSettingsStore } from './settings';
import { probeServer, type ProbeResult } from './server/probe';
import type { ServerConfig } from './server/connection';
import { OfficeWorker } from './worker';
import { UPLOAD_UNFINISHED } from './sync';

/** Why a desktop of an office is not syncing when no worker runs, said on its status line. */
export const NOT_CONNECTED = {
  noServer:
    'no office server is set on this desktop; a supervisor sets it in Settings, Office server.',
  uploadUnfinished:
    'making the office’s database from this desktop was cut short, and the office server ' +
    'cannot say now whether it finished; ClaimDesk asks again at its next start.',
  keyStore:
    'the office server’s password could not be read from this computer’s key store; a ' +
    'supervisor can enter it again in Settings, Office server.',
} as const;

export type RunnerStatus = Exclude<OfficeStatusView, { state: 'standalone' }>;

export type MakeWorker = (ctx: Ctx, config: ServerConfig) => OfficeWorker;

/**
 * The office side of the main process: the saved server settings and the one sync worker,
 * which runs while this desktop's copy belongs to an office (office_link) and a server is
 * set. Started after the database opens, woken after each committed write, stopped before
 * the database closes. Nothing here is on the path of a screen: a wake returns at once.
 */
export class OfficeRunner {
  private worker: OfficeWorker | null = null;
  private starting: Promise<void> = Promise.resolve();
  /** Why the worker did not start on a desktop that belongs to an office. */
  private problem: string | null = null;
  /** The office's database being made from here or downloaded, while it is. */
  private transfer: OfficeTransfer | null = null;

  constructor(
    private readonly ctx: Ctx,
    readonly settings: OfficeServerSettingsStore,
    private readonly makeWorker: MakeWorker = (ctx, config) => new OfficeWorker(ctx, config),
    /** Where a joined copy goes and how ClaimDesk reopens on it; none: joining is refused. */
    private readonly host: OfficeHost | null = null,
  ) {}

  /**
   * The worker's status; why there is none on a desktop of an office (never silence: its
   * changes are piling up); null when standalone.
   */
  status(): RunnerStatus | null {
    if (this.transfer) return { state: 'transferring', transfer: this.transfer };
    if (this.worker) return this.worker.status();
    return this.problem === null ? null : { state: 'not-connected', reason: this.problem };
  }

  linked(): boolean {
    return officeLink(this.ctx.db) !== undefined;
  }

  /**
   * Starts the worker when the desktop is linked and a server is set; its first sync goes
   * on in the background (a failure shows as offline, it does not throw).
   */
  start(): Promise<void> {
    this.starting = this.starting
      .then(async () => {
        this.problem = null;
        if (this.worker || this.transfer) return;
        // plain patient data an upload cut short by a crash left beside the database
        removeUploadCopy(this.ctx);
        const link = officeLink(this.ctx.db);
        if (!link) return;
        const config = await this.settings.config();
        if (!config) {
          this.problem = NOT_CONNECTED.noServer;
          return;
        }
        if (link.cursor === UPLOAD_UNFINISHED) {
          const settled = await settleUnfinishedUpload(this.ctx, config);
          if (settled === null) this.problem = NOT_CONNECTED.uploadUnfinished;
          if (settled !== 'linked') return;
        }
        this.worker = this.makeWorker(this.ctx, config);
        void this.worker.start();
      })
      .catch((error: unknown) => {
        // the OS key store would not unwrap the password: the desktop works on its copy and
        // says so; only the error's kind is logged, never a secret
        this.problem = NOT_CONNECTED.keyStore;
        console.error(
          `ClaimDesk: office sync not started (${error instanceof Error ? error.name : 'error'})`,
        );
      });
    return this.starting;
  }

  /** After a write committed: its outbox entry goes out now, not at the next retry. */
  wake(): void {
    void this.worker?.wake();
  }

  test(input: OfficeServerInput): Promise<ProbeResult> {
    return this.settings.configFor(input).then(probeServer);
  }

  /** Keeps the new settings and starts again with them. */
  async save(input: OfficeServerInput): Promise<void> {
    await this.settings.save(input);
    await this.stop();
    await this.start();
  }

  /** Makes the office's database from this desktop's, then syncs with it. */
  async createOffice(): Promise<OfficeMade> {
    const config = await this.transferConfig('make');
    try {
      const made = await makeOffice(this.ctx, config, (t) => (this.transfer = t));
      this.transfer = null;
      await this.start();
      return made;
    } finally {
      this.transfer = null;
    }
  }

  /** Downloads the office's database and has ClaimDesk reopen on it. */
  async joinOffice(): Promise<OfficeJoined> {
    const host = this.host;
    if (!host) throw conflict('A desktop joins an office only in the ClaimDesk app.');
    const config = await this.transferConfig('join');
    try {
      return await joinOffice(
        this.ctx,
        config,
        host,
        (t) => (this.transfer = t),
        this.mustRejoin(),
      );
    } finally {
      this.transfer = null;
    }
  }

  /** Whether the worker stopped sending because this copy was put back in time. */
  mustRejoin(): boolean {
    const status = this.worker?.status();
    return status?.state === 'offline' && status.reason === REPLAYED;
  }

  /** The saved server; the transfer is taken before any wait, so a second one is refused. */
  private async transferConfig(what: OfficeTransfer['what']) {
    if (this.transfer) {
      throw conflict('The office’s database is being made or downloaded already; wait for it.');
    }
    this.transfer = { what, stage: what === 'make' ? 'copying' : 'downloading', done: 0, total: 0 };
    try {
      const config = await this.settings.config();
      if (!config) throw conflict(NO_SERVER);
      return config;
    } catch (error) {
      this.transfer = null;
      throw error;
    }
  }

  /** Forgets the server; a desktop of an office then says it is not connected. */
  async disconnect(): Promise<void> {
    await this.stop();
    this.settings.clear();
    await this.start();
  }

  async stop(): Promise<void> {
    await this.starting;
    const worker = this.worker;
    this.worker = null;
    await worker?.stop();
  }
}

let runner: OfficeRunner | null = null;

/**
 * The main process's runner, set once the database is open. Nothing is set where there
 * is no Electron (tests, the end-to-end bridge): the desktop is then standalone.
 */
export function setOfficeRunner(next: OfficeRunner | null): void {
  runner = next;
}

export function officeRunner(): OfficeRunner | null {
  return runner;
}
