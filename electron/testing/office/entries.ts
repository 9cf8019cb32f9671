import { expect, onTestFinished } from 'vitest';
import { requireOfficeLink } from '../../office/gids';
import { applyEntry } from '../../office/server/apply';
import { openPool, type ServerConfig } from '../../office/server/connection';
import { outboxEntries } from '../../office/take-refused';
import type { Entry } from '../../office/wire';
import type { Desktop } from './desktops';

/**
 * An outbox entry as a desktop sends it, holding one note on the first copy's first account:
 * for tests that hand the server an entry directly rather than through a desktop.
 */
export function noteEntry(seq: number, gid: string, body: string): Entry {
  return {
    seq,
    changes: [
      {
        tbl: 'activities',
        op: 'insert',
        gid,
        baseVersion: 0,
        version: 1,
        row: {
          accountGid: 'base:1',
          claimGid: null,
          kind: 'note',
          direction: null,
          party: null,
          outcome: null,
          body,
          userGid: 'base:1',
          occurredAt: '2026-03-16T15:00:00.000Z',
        },
      },
    ],
  };
}

/** A desk's outbox entries as it sends them: each one's sequence number and its changes. */
export const entriesToSend = (d: Desktop): Entry[] =>
  outboxEntries(d.ctx.db).map(({ seq, changes }) => ({ seq, changes }));

/**
 * The desk's entries applied at the server directly, each accepted, as though the desk had
 * never heard the answers: the pool (ended when the test finishes) and the desk's id, to
 * apply them again.
 */
export async function appliedAtServer(server: ServerConfig, d: Desktop, entries: Entry[]) {
  const pool = openPool(server, 1);
  onTestFinished(() => pool.end());
  const desktopId = requireOfficeLink(d.ctx.db).desktopId;
  for (const e of entries) {
    expect(await applyEntry(pool, desktopId, e)).toEqual({ outcome: 'accepted' });
  }
  return { pool, desktopId };
}
