import pg from 'pg';
import { expect, it, onTestFinished } from 'vitest';
import { createServerDatabase, describeWithPg } from '../../testing/office/server-db';
import { withoutIdentifiers } from '../../purge/scrub';
import { migrateServer } from './migrate';

describeWithPg("the server's scrub of a purged person's texts", () => {
  it('takes out what the desks take out: names, also on their own, as words of their own', async () => {
    const pool = new pg.Pool(await createServerDatabase());
    onTestFinished(() => pool.end());
    expect(await migrateServer(pool)).toMatchObject({ ok: true });
    const texts = [
      'D-1 (Testwell) letter.pdf',
      'Eleanor Testwell',
      '77 Lantern Way',
      'Testwell',
      'Eleanor',
      'Ann',
    ];
    const notes = [
      'Eleanor Testwell moved from 77 Lantern Way; the Testwell estate pays.',
      'Ann called about the annual Annual statement of Eleanor.',
      'Filed D-1 (Testwell) letter.pdf; a.b*c stays.',
    ];
    for (const note of notes) {
      const { rows } = await pool.query<{ s: string }>(`SELECT purge_scrub($1, $2) AS s`, [
        note,
        texts,
      ]);
      // the server and the desks scrub a note alike, so the office's copies agree
      expect(rows[0]?.s).toBe(withoutIdentifiers(note, texts));
    }
    const { rows } = await pool.query<{ s: string }>(`SELECT purge_scrub($1, $2) AS s`, [
      notes[1],
      texts,
    ]);
    expect(rows[0]?.s).toBe('[removed] called about the annual Annual statement of [removed].');
  });
});
