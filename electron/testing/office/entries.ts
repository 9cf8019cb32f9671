import type { Entry } from '../../office/wire';

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
