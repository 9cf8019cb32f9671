/**
 * The floor under the office's propagation time: node-postgres alone, at the same pace and
 * with as many desktops, each action one transaction that inserts a row and notifies, each
 * desktop listening and reading what is new when woken. No local copy, no outbox, no
 * versions, no change-log horizon: what LISTEN/NOTIFY and one read cost on this machine now.
 */
import pg from 'pg';
import type { ServerConfig } from '../../office/server/connection';
import { summarize, type Timing } from '../measure';

const CHANNEL = 'bare_changes';

interface BareDesk {
  index: number;
  listen: pg.Client;
  read: pg.Client;
  write: pg.Client;
  /** every row up to here is read; above it, `seen` holds the ones read */
  cursor: number;
  seen: Set<number>;
  reading: Promise<void> | null;
  again: boolean;
  /** this desktop's last write: its next one waits for it, on the one connection */
  writing: Promise<void>;
}

export async function bareOffice(
  server: ServerConfig,
  opts: { desktops: number; rounds: number; pace: (step: number) => Promise<void> },
): Promise<Timing & { samples: number }> {
  const madeAt = new Map<string, number>();
  const arrivals: number[] = [];
  const desks: BareDesk[] = [];
  const setup = new pg.Client(server);
  await setup.connect();
  try {
    await setup.query(
      `CREATE TABLE bare_changes (seq bigserial PRIMARY KEY, origin integer NOT NULL,
         key text NOT NULL, body text NOT NULL)`,
    );
  } finally {
    await setup.end();
  }
  // as a worker does: a wake during a read folds into one more read after it
  const wake = (d: BareDesk): Promise<void> => {
    if (d.reading) {
      d.again = true;
      return d.reading;
    }
    d.reading = (async () => {
      do {
        d.again = false;
        const { rows } = await d.read.query<{ seq: string; origin: number; key: string }>(
          `SELECT seq, origin, key FROM bare_changes WHERE seq > $1 ORDER BY seq`,
          [d.cursor],
        );
        const now = performance.now();
        for (const r of rows) {
          const seq = Number(r.seq);
          if (d.seen.has(seq)) continue;
          d.seen.add(seq);
          const at = madeAt.get(r.key);
          if (r.origin !== d.index && at !== undefined) arrivals.push(now - at);
        }
        // a row with a lower seq can commit after a higher one: the cursor moves only over
        // rows all read (none is rolled back here, so no gap stays open)
        while (d.seen.has(d.cursor + 1)) d.seen.delete((d.cursor += 1));
      } while (d.again);
    })().finally(() => {
      d.reading = null;
    });
    return d.reading;
  };
  try {
    for (let index = 0; index < opts.desktops; index++) {
      const d: BareDesk = {
        index,
        listen: new pg.Client(server),
        read: new pg.Client(server),
        write: new pg.Client(server),
        cursor: 0,
        seen: new Set(),
        reading: null,
        again: false,
        writing: Promise.resolve(),
      };
      desks.push(d);
      for (const c of [d.listen, d.read, d.write]) await c.connect();
      d.listen.on('notification', (n) => {
        if (n.payload !== String(d.index)) void wake(d);
      });
      await d.listen.query(`LISTEN ${CHANNEL}`);
    }
    for (let step = 0; step < opts.rounds * desks.length; step++) {
      await opts.pace(step);
      const d = desks[step % desks.length] as BareDesk;
      const key = `${d.index}:${step}`;
      madeAt.set(key, performance.now());
      // not awaited, as the app's push is not: the next desktop acts meanwhile
      d.writing = d.writing.then(async () => {
        await d.write.query('BEGIN');
        await d.write.query(
          `INSERT INTO bare_changes (origin, key, body) VALUES ($1, $2, 'Bench note')`,
          [d.index, key],
        );
        await d.write.query('SELECT pg_notify($1, $2)', [CHANNEL, String(d.index)]);
        await d.write.query('COMMIT');
      });
    }
    for (const d of desks) await d.writing;
    for (const d of desks) await wake(d);
  } finally {
    for (const d of desks) {
      await d.writing.catch(() => undefined);
      await d.reading?.catch(() => undefined);
      for (const c of [d.listen, d.read, d.write]) await c.end().catch(() => undefined);
    }
  }
  return { ...summarize(arrivals), samples: arrivals.length };
}
