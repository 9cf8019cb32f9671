import pg from 'pg';
import { expect, it, onTestFinished } from 'vitest';
import { createServerDatabase, describeWithPg } from '../../testing/office/server-db';
import { withoutIdentifiers } from '../../purge/scrub';
import { scrubbedText } from '../../purge/scrub-records';
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

  it('writes a list of missing items as the desks write it, and any other text scrubbed whole', async () => {
    const pool = new pg.Pool(await createServerDatabase());
    onTestFinished(() => pool.end());
    expect(await migrateServer(pool)).toMatchObject({ ok: true });
    const texts = ['Eleanor Testwell', 'Testwell', 'Eleanor'];
    const lists = [
      JSON.stringify([
        "Eleanor Testwell's pay stubs",
        'Bank "savings"\nstatement',
        'Ré\u00e9sumé \\ café',
      ]),
      JSON.stringify(['Pay stubs', 'Tax return']),
      JSON.stringify([]),
      '["Eleanor", 3]',
      'Eleanor Testwell: pay stubs',
      '{"who": "Eleanor"}',
    ];
    for (const list of lists) {
      const { rows } = await pool.query<{ s: string }>(`SELECT purge_text($1, true, $2) AS s`, [
        list,
        texts,
      ]);
      // byte for byte: the server's copy and the desks' agree
      expect([list, rows[0]?.s]).toEqual([list, scrubbedText(list, true, texts)]);
    }
    expect(scrubbedText(lists[0] ?? '', true, texts)).toBe(
      '["[removed]\'s pay stubs","Bank \\"savings\\"\\nstatement","Réésumé \\\\ café"]',
    );
  });

  it('takes a note handed over only where each marker stands for a few words taken out', async () => {
    const pool = new pg.Pool(await createServerDatabase());
    onTestFinished(() => pool.end());
    expect(await migrateServer(pool)).toMatchObject({ ok: true });
    const M = '[removed]';
    const taken = async (note: string, scrubbed: string) =>
      (
        await pool.query<{ ok: boolean }>(`SELECT $1::text ~ purge_pattern($2::text) AS ok`, [
          note,
          scrubbed,
        ])
      ).rows[0]?.ok;
    // a whole note is not blanked by the marker alone
    expect(await taken('Patient promised to pay Friday.', M)).toBe(false);
    expect(await taken('Called Ann Smith today.', `Called ${M} today.`)).toBe(true);
    expect(await taken("Called Ann's daughter.", `Called ${M}'s daughter.`)).toBe(true);
    expect(await taken('Smith, Ann Marie paid.', `${M}, ${M} paid.`)).toBe(true);
    expect(await taken('Ann', M)).toBe(true);
    // words put in, or a run of markers that blanks most of a note, are not taken
    expect(await taken('Called Ann today.', `Called ${M} tomorrow.`)).toBe(false);
    expect(await taken('We agreed a payment plan of fifty a month.', `${M} ${M} month.`)).toBe(
      false,
    );
    // what a pattern reads specially is taken as it is written
    expect(await taken('Paid 50% (cash)', `Paid 50% (${M})`)).toBe(true);
    expect(await taken('Paid 50 cash', `Paid 5. ${M}`)).toBe(false);
  });
});
