import type { Db } from '../db/open';

/**
 * Keeps requests on one connection out of each other's way. Ordinary requests share it
 * (most finish within one turn of the event loop; document rendering awaits in between).
 * Long work whose steps write as they go (an import) runs alone: it waits for the requests
 * in flight to finish, and requests that arrive meanwhile wait for it, since on a shared
 * connection they would otherwise run inside its open transaction. Long work that only
 * prepares and writes at the end (a statement run) holds no transaction across turns and
 * so does not take this lock.
 */
export class RequestLock {
  private inFlight = 0;
  private writer: Promise<unknown> | null = null;
  private drained: (() => void)[] = [];

  async shared<T>(run: () => T | Promise<T>): Promise<T> {
    while (this.writer) await this.writer.catch(() => undefined);
    this.inFlight += 1;
    try {
      return await run();
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const resolve of this.drained.splice(0)) resolve();
    }
  }

  async exclusive<T>(run: () => Promise<T>): Promise<T> {
    while (this.writer) await this.writer.catch(() => undefined);
    // checked and taken in the same turn, so no other request slips in between
    const mine = (async () => {
      if (this.inFlight > 0) await new Promise<void>((resolve) => this.drained.push(resolve));
      return run();
    })();
    this.writer = mine;
    try {
      return await mine;
    } finally {
      if (this.writer === mine) this.writer = null;
    }
  }
}

const locks = new WeakMap<Db, RequestLock>();

export function requestLock(db: Db): RequestLock {
  let lock = locks.get(db);
  if (!lock) {
    lock = new RequestLock();
    locks.set(db, lock);
  }
  return lock;
}
