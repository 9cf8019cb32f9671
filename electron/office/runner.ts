import type { OfficeStatusView } from '../../shared/api/office';
import type { Ctx } from '../core/context';
import { officeLink } from './gids';
import type { OfficeServerInput, OfficeServerSettingsStore } from './settings';
import { probeServer, type ProbeResult } from './server/probe';
import type { ServerConfig } from './server/connection';
import { OfficeWorker } from './worker';

/** Why a desktop of an office is not syncing when no worker runs, said on its status line. */
export const NOT_CONNECTED = {
  noServer:
    'no office server is set on this desktop; a supervisor sets it in Settings, Office server.',
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

  constructor(
    private readonly ctx: Ctx,
    readonly settings: OfficeServerSettingsStore,
    private readonly makeWorker: MakeWorker = (ctx, config) => new OfficeWorker(ctx, config),
  ) {}

  /**
   * The worker's status; why there is none on a desktop of an office (never silence: its
   * changes are piling up); null when standalone.
   */
  status(): RunnerStatus | null {
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
        if (this.worker || !this.linked()) return;
        const config = await this.settings.config();
        if (!config) {
          this.problem = NOT_CONNECTED.noServer;
          return;
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
