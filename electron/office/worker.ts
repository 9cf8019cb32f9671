import type { OfficeStatusView } from '../../shared/api/office';
import type { Ctx } from '../core/context';
import { one } from '../db/query';
import type { ServerConfig } from './server/connection';
import { OfficeConnectionLost, officeFailure } from './failure';
import { waitingAgencies } from './held-agencies';
import { OfficeSync } from './sync';
import { WorkingMarks } from './working';

/** What a running worker says of this desktop's link to its office (the status line's). */
export type OfficeStatus = Exclude<
  OfficeStatusView,
  { state: 'standalone' } | { state: 'not-connected' }
>;

/** Runs `fn` after `ms`; returns what cancels it. Tests hand in one they run themselves. */
export type Schedule = (ms: number, fn: () => void) => () => void;

export const realSchedule: Schedule = (ms, fn) => {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
};

/** Waits between tries after a failure: 5 s, doubling, at most 5 minutes. */
export function retryDelay(failures: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, failures - 1), 300_000);
}

/**
 * Keeps one desktop in step with its office while ClaimDesk runs, in the main process.
 * It syncs when started, when another desktop's commit wakes it (LISTEN), and when this
 * desktop wrote (the main process calls `wake` after a write commits). Wake-ups during a
 * sync are folded into one more sync after it. A failure (server down, network cut) is
 * shown as offline with its reason, and the work waits in the outbox while the worker
 * tries again after a growing delay; nothing a person does waits for the server.
 */
export class OfficeWorker {
  private sync: OfficeSync;
  private current: OfficeStatus = { state: 'connecting' };
  private running: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private cancelRetry: (() => void) | null = null;
  private stopListening: (() => Promise<void>) | null = null;
  private stopped = false;
  private readonly watchers = new Set<(status: OfficeStatus) => void>();
  /** Who is working which account now; kept while the worker is in touch with the server. */
  readonly marks: WorkingMarks;

  constructor(
    private readonly ctx: Ctx,
    private readonly config: ServerConfig,
    private readonly schedule: Schedule = realSchedule,
    name?: string,
  ) {
    this.sync = new OfficeSync(ctx, config, name, () => this.lost());
    this.marks = new WorkingMarks(ctx, config, schedule);
  }

  status(): OfficeStatus {
    return this.current;
  }

  /** Calls `fn` with every new status (the status line; tests wait on it). */
  watch(fn: (status: OfficeStatus) => void): () => void {
    this.watchers.add(fn);
    return () => this.watchers.delete(fn);
  }

  private set(status: OfficeStatus): void {
    this.current = status;
    for (const fn of this.watchers) fn(status);
  }

  /** Connects, listens and syncs; a failure leaves the worker offline and trying again. */
  start(): Promise<void> {
    return this.wake();
  }

  /** Asks for a sync; resolves when the sync that covers this request has ended. */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<void> {
    do {
      this.again = false;
      await this.once();
    } while (this.again && !this.stopped && this.current.state === 'synced');
  }

  private async once(): Promise<void> {
    this.cancelRetry?.();
    this.cancelRetry = null;
    try {
      if (!this.stopListening) {
        const schema = await this.sync.connect();
        if (!schema.ok) {
          this.set({ state: 'update-needed', message: schema.message });
          return;
        }
        this.stopListening = await this.sync.listen(
          () => void this.wake(),
          () => void this.marks.changed(),
        );
      }
      await this.sync.sync();
      await this.marks.update();
      this.failures = 0;
      this.set({ state: 'synced', at: this.ctx.clock.now(), ...this.counts() });
    } catch (error) {
      await this.dropListener();
      this.failed(error);
    }
  }

  /** Offline, saying why, with the next try scheduled after a growing wait. */
  private failed(error: unknown): void {
    this.failures += 1;
    this.marks.offline();
    const delay = retryDelay(this.failures);
    this.set({
      state: 'offline',
      since: this.current.state === 'offline' ? this.current.since : this.ctx.clock.now(),
      reason: officeFailure(error, this.config),
      retryInSeconds: delay / 1000,
      ...this.counts(),
    });
    this.cancelRetry?.();
    this.cancelRetry = this.stopped ? null : this.schedule(delay, () => void this.wake());
  }

  /**
   * The listening connection broke (the server went away, the network was cut): this
   * desktop no longer hears the others, so it is offline until a try reconnects. Only the
   * first of the connection's complaints counts; a round running now finds out itself.
   */
  private lost(): void {
    if (!this.stopListening || this.stopped) return;
    void this.dropListener();
    this.failed(new OfficeConnectionLost());
  }

  private async dropListener(): Promise<void> {
    const stop = this.stopListening;
    this.stopListening = null;
    await stop?.().catch(() => undefined);
  }

  private counts(): { waiting: number; notSynced: number } {
    const n = (sql: string) => one<{ n: number }>(this.ctx.db, sql)?.n ?? 0;
    return {
      waiting: n(`SELECT count(*) AS n FROM outbox`),
      notSynced:
        n(`SELECT count(*) AS n FROM not_synced WHERE dismissed_at IS NULL`) +
        waitingAgencies(this.ctx.db).length,
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelRetry?.();
    await this.running?.catch(() => undefined);
    await this.dropListener();
    await this.marks.stop();
    await this.sync.close();
  }
}
