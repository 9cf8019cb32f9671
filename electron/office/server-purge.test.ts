import path from 'node:path';
import pg from 'pg';
import { expect, it, onTestFinished } from 'vitest';
import { REMOVED } from '../../shared/api/purge';
import { all, oneOrThrow } from '../db/query';
import { addAccount } from '../testing/builders';
import { call, callAsync } from '../testing/call';
import { desktopsOf, syncAll, type Desktop } from '../testing/office/desktops';
import {
  closeAccount,
  deidentifyAt,
  eleanor,
  eleanorsOffice,
  NAME,
  patientOf,
  whatNamesHer,
} from '../testing/office/eleanor';
import { accountId, serverCount, withSupervisors } from '../testing/office/records';
import { COLUMNS as SHEET_COLUMNS, sheet, sheetRow } from '../testing/csv-sheet';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { pdfScan, scanned } from '../testing/scans';
import { createTestCtx } from '../testing/test-db';
import { gidOf } from './gids';
import type { ServerConfig } from './server/connection';
import { OfficeSync } from './sync';
import { fileLetter, joiningDesk } from '../testing/office/filed';

/** Every text the server holds in the tables that could name a person, as one string. */
async function serverText(server: ServerConfig): Promise<string> {
  const client = new pg.Client(server);
  await client.connect();
  try {
    const { rows } = await client.query<{ t: string | null }>(
      `SELECT string_agg(t, E'\\n' ORDER BY t) AS t FROM (
         SELECT row::text AS t FROM change_log
         UNION ALL SELECT to_jsonb(p)::text FROM people p
         UNION ALL SELECT to_jsonb(a)::text FROM addresses a
         UNION ALL SELECT to_jsonb(n)::text FROM activities n
         UNION ALL SELECT to_jsonb(d)::text FROM documents d
         UNION ALL SELECT to_jsonb(c)::text FROM correspondence c
         UNION ALL SELECT server_rows::text FROM applied_entries
         UNION ALL SELECT encode(bytes, 'escape') FROM document_files WHERE bytes IS NOT NULL
       ) everything`,
    );
    return rows[0]?.t ?? '';
  } finally {
    await client.end();
  }
}

const HERS = Buffer.from('%PDF-1.7\n(Dear Eleanor Testwell) Tj\n%%EOF\n', 'utf8');
const FORM = Buffer.from('%PDF-1.7\n(Statement of account) Tj\n%%EOF\n', 'utf8');

describeWithPg("a person de-identified at one desk, on the office's server", () => {
  it('leaves no trace of her on the server, and a desk joining after gets a scrubbed copy that works', async () => {
    const server = await createServerDatabase();
    const { a, b, hers, other } = await eleanorsOffice(server);
    const eleanorOn = (d: Desktop) => ({ accountId: hers, personId: patientOf(d, hers) });
    // after joining: her mail returned and her new address, which name her in the log
    call(b.ctx, 'recordReturnedMail', { accountId: hers, receivedOn: '2026-03-02' });
    call(b.ctx, 'changeAddress', {
      ...eleanorOn(b),
      line1: '9 Harbor Light Road',
      city: 'Falmouth',
      state: 'ME',
      zip: '04105',
      effectiveDate: '2026-03-03',
    });
    call(b.ctx, 'addActivity', {
      accountId: hers,
      kind: 'note',
      text: "Called Eleanor Testwell's daughter at 207-555-0101.",
    });
    call(b.ctx, 'fileCorrespondence', {
      accountId: hers,
      type: 'patient',
      receivedDate: '2026-03-10',
      file: scanned('Testwell letter.pdf', pdfScan('Dear billing office, Eleanor Testwell')),
    });
    await fileLetter(a.ctx, hers, HERS);
    // the same form on her account and another patient's: one file, which the other keeps
    await fileLetter(a.ctx, hers, FORM);
    await fileLetter(a.ctx, other, FORM);
    await syncAll(a, b, a);
    // her mail returned at both desks at once: B is refused with the office's row of her, and
    // its address follow-up with the office's, naming her (each refused on its own)
    for (const d of [a, b]) {
      call(d.ctx, 'recordReturnedMail', { accountId: hers, receivedOn: '2026-03-12' });
    }
    await syncAll(a, b, a);
    expect(
      await serverCount(
        server,
        `SELECT count(*) AS n FROM applied_entries
          WHERE outcome = 'refused' AND server_rows::text LIKE '%Testwell%'`,
      ),
    ).toBe(2);
    expect(await serverText(server)).toMatch(NAME);
    const listed = (d: Desktop) => all(d.ctx.db, `SELECT seq FROM not_synced`).length;
    expect([listed(a), listed(b)]).toEqual([0, 2]);

    for (const d of [a, b]) closeAccount(d, hers);
    deidentifyAt(a, hers);
    await syncAll(a, b);

    const text = await serverText(server);
    expect(text).not.toMatch(NAME);
    expect(text).toContain(REMOVED);
    // the notes keep their places, the names out of them
    expect(
      await serverCount(
        server,
        `SELECT count(*) AS n FROM activities
          WHERE body = 'Called ${REMOVED}''s daughter at ${REMOVED}.'`,
      ),
    ).toBe(1);
    expect(
      await serverCount(
        server,
        `SELECT count(*) AS n FROM change_log
          WHERE row->>'body' = 'Called ${REMOVED}''s daughter at ${REMOVED}.'`,
      ),
    ).toBe(1);
    // her files' fingerprints and sizes stay, their bytes gone; the shared form is kept whole
    expect(
      await serverCount(
        server,
        `SELECT count(*) AS n FROM document_files WHERE bytes IS NULL AND removed_at IS NOT NULL
           AND size > 0`,
      ),
    ).toBe(2);
    expect(
      await serverCount(server, `SELECT count(*) AS n FROM document_files WHERE bytes IS NOT NULL`),
    ).toBe(1);
    expect(
      await serverCount(
        server,
        `SELECT (SELECT count(*) FROM documents WHERE removed_at IS NOT NULL)
           + (SELECT count(*) FROM correspondence WHERE removed_at IS NOT NULL) AS n`,
      ),
    ).toBe(3);

    // A and B were not broken by the rewritten log: nothing more to take, nothing more listed
    await syncAll(a, b);
    for (const d of [a, b]) {
      expect(whatNamesHer(d)).not.toMatch(NAME);
      expect(listed(d)).toBe(d === b ? 2 : 0);
    }

    const c = await joiningDesk(server, path.dirname(a.ctx.databasePath), a.ctx.userId);
    await c.sync.pull();
    expect(whatNamesHer(c)).not.toMatch(NAME);
    expect(whatNamesHer(c)).toContain(REMOVED);
    expect(all(c.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
    // her history and files at C: the notes there, the files listed as removed
    const account = call(c.ctx, 'getAccount', { accountId: hers });
    expect(account.activities.map((n) => n.text)).toContain(
      `Called ${REMOVED}'s daughter at ${REMOVED}.`,
    );
    const letters = await callAsync(c.ctx, 'listAccountDocuments', { accountId: hers });
    expect(letters).toHaveLength(2);
    for (const l of letters) expect(l.removedAt).not.toBeNull();
    const scans = call(c.ctx, 'listAccountCorrespondence', { accountId: hers });
    expect(scans.map((s) => [s.originalName, s.removedAt !== null])).toEqual([[REMOVED, true]]);
    // the other patient's copy of the shared form opens at C
    const [form] = await callAsync(c.ctx, 'listAccountDocuments', { accountId: other });
    const file = await callAsync(c.ctx, 'getDocumentFile', { documentId: form?.documentId ?? 0 });
    expect(Buffer.from(file.pdfBase64, 'base64').equals(FORM)).toBe(true);
  });
});

/** Runs `sql` as the desk's own login and returns the server's error code, or 'ok'. */
async function asDesk(d: Desktop, ...sql: string[]): Promise<string> {
  const client = new pg.Client(d.config);
  await client.connect();
  try {
    for (const s of sql) await client.query(s);
    return 'ok';
  } catch (error) {
    return String((error as { code?: unknown }).code);
  } finally {
    await client.end();
  }
}

const gidOn = (d: Desktop, tbl: 'people' | 'activities', id: number) => gidOf(d.ctx.db, tbl, id);

describeWithPg('the purge on the server, as a desk login may reach it', () => {
  it('is refused for a living person, changing nothing, and gives a desk no way past the insert-only rules', async () => {
    const server = await createServerDatabase();
    const { a, b, hers, other } = await eleanorsOffice(server);
    // a living patient the server knows: her returned mail travelled, and notes on her account
    call(b.ctx, 'recordReturnedMail', { accountId: other, receivedOn: '2026-03-02' });
    call(b.ctx, 'addActivity', { accountId: other, kind: 'note', text: 'Spoke with her son.' });
    call(b.ctx, 'addActivity', { accountId: hers, kind: 'note', text: 'Estate paid in full.' });
    await syncAll(b, a);
    const living = gidOn(b, 'people', patientOf(b, other));
    const note = oneOrThrow<{ id: number }>(
      b.ctx.db,
      `SELECT id FROM activities WHERE body = 'Spoke with her son.'`,
    ).id;
    const before = await serverText(server);
    expect(before).toContain('Spoke with her son.');

    const purge = (person: string, notes: Record<string, string> = {}) =>
      `SELECT purge_person('${person}', ARRAY['base:2', 'base:1'],
         '${JSON.stringify(notes)}'::jsonb)`;
    // a living person, and one the office has no row of (Eleanor, never changed there)
    expect(await asDesk(b, purge(living, { [gidOn(b, 'activities', note)]: REMOVED }))).toBe(
      '42501',
    );
    expect(await asDesk(b, purge(gidOn(b, 'people', patientOf(b, hers))))).toBe('42501');
    // the purge's way past the triggers is the owner's inside the function, not a setting
    const refusals: [string, string][] = [
      [`UPDATE activities SET body = 'x'`, '42501'],
      [`UPDATE addresses SET line1 = 'x'`, '42501'],
      [`UPDATE documents SET title = 'x'`, '42501'],
      [`UPDATE document_files SET bytes = NULL, removed_at = now()`, '42501'],
      [`UPDATE change_log SET row = '{}'`, '42501'],
      // a desk may change a follow-up, but only one version on: the reason in place is refused
      [`UPDATE follow_ups SET reason = 'x'`, '23514'],
      [`SELECT purge_scrub(body, ARRAY['her']) FROM activities`, '42501'],
      // nor to the collection records' texts migration 23 purges
      [`UPDATE promises SET note = 'x'`, '42501'],
      [`UPDATE statement_hold_releases SET reason = 'x'`, '42501'],
      [`SELECT purge_person_texts(ARRAY['base:1'], ARRAY['her'])`, '42501'],
      [`SELECT purge_wire_row('promises', '{}', ARRAY['her'])`, '42501'],
    ];
    for (const [sql, code] of refusals) {
      expect([sql, await asDesk(b, `SET claimdesk.purging = 'on'`, sql)]).toEqual([sql, code]);
    }
    // a file cannot be held on the server without its bytes
    expect(
      await asDesk(
        b,
        `INSERT INTO document_files (sha256, bytes, size, removed_at)
           VALUES (repeat('a', 64), NULL, 1, now())`,
      ),
    ).toBe('23514');
    expect(await serverText(server)).toBe(before);

    // de-identified at A, purged in the transaction that applies it
    for (const d of [a, b]) closeAccount(d, hers);
    deidentifyAt(a, hers);
    await syncAll(a, b);
    const after = await serverText(server);
    expect(after).toContain('Spoke with her son.');
    expect(after).toContain('Estate paid in full.');
    const estate = oneOrThrow<{ id: number }>(
      b.ctx.db,
      `SELECT id FROM activities WHERE body = 'Estate paid in full.'`,
    ).id;
    const eleanorGid = gidOn(a, 'people', patientOf(a, hers));
    const handedOver = {
      [gidOn(b, 'activities', estate)]: `Estate paid in full by ${REMOVED} Smith.`,
      // the living patient's first-copy account has no de-identification line: not hers
      [gidOn(b, 'activities', note)]: REMOVED,
    };
    // asked again later, outside the transaction that de-identified her: refused
    expect(await asDesk(b, purge(eleanorGid, handedOver))).toBe('42501');
    expect(await serverText(server)).toBe(after);
  });
});

describeWithPg('a desk joining after the purge dropped a first-copy file', () => {
  it('joins without it, and her first-copy letter is removed there with the rest', async () => {
    const server = await createServerDatabase();
    const ctx = createTestCtx();
    onTestFinished(() => ctx.close());
    const { accountId: hers } = addAccount(ctx);
    eleanor(ctx, hers);
    // filed before the office: its row is in the first copy, its file sent with the office
    await fileLetter(ctx, hers, HERS);
    const sync = new OfficeSync(ctx, server, 'desktop 1');
    onTestFinished(() => sync.close());
    await sync.createOffice();
    const a: Desktop = { ctx, config: server, sync };
    // the same letter filed again after joining: the office's row names the same file
    await fileLetter(a.ctx, hers, HERS);
    closeAccount(a, hers);
    deidentifyAt(a, hers);
    await a.sync.sync();
    expect(
      await serverCount(server, `SELECT count(*) AS n FROM document_files WHERE bytes IS NULL`),
    ).toBe(1);

    const c = await joiningDesk(server, ctx.dir, ctx.userId);
    await c.sync.pull();
    expect(whatNamesHer(c)).not.toMatch(NAME);
    const letters = await callAsync(c.ctx, 'listAccountDocuments', { accountId: hers });
    expect(letters.map((l) => l.removedAt !== null)).toEqual([true, true]);
  });
});

describeWithPg('a person the office created after joining, de-identified', () => {
  it('is purged from every version the log holds, and a desk pulling after gets only the marker', async () => {
    const server = await createServerDatabase();
    const { desktops } = await desktopsOf(server, 3, 1, withSupervisors);
    const [a, b, c] = desktops as [Desktop, Desktop, Desktop];
    const grace = /grace|okafor|elm st|555-0134/i;
    const zero = { 'Ins Balance': '0', 'Pt Balance': '0' };
    call(b.ctx, 'importCsv', {
      fileName: 'accounts.csv',
      text: sheet([sheetRow('300100', 'ACME01', zero)]),
      columns: SHEET_COLUMNS,
    });
    const onB = accountId(b.ctx, '300100');
    call(b.ctx, 'recordDeath', {
      accountId: onB,
      personId: patientOf(b, onB),
      deceasedDate: '2015-05-20',
      source: 'Obituary',
    });
    call(b.ctx, 'addActivity', {
      accountId: onB,
      kind: 'note',
      text: 'Called Grace Okafor at (217) 555-0134 about 12 Elm St.',
    });
    await syncAll(b, a);
    expect(await serverText(server)).toMatch(grace);

    const onA = accountId(a.ctx, '300100');
    closeAccount(a, onA);
    deidentifyAt(a, onA);
    await syncAll(a, b);
    expect(await serverText(server)).not.toMatch(grace);
    expect(
      await serverCount(
        server,
        `SELECT count(*) AS n FROM change_log WHERE tbl = 'people'
           AND row->>'firstName' = '${REMOVED}' AND row->>'lastName' = '${REMOVED}'`,
      ),
    ).toBe(3);

    // C took nothing before: every row of her it takes already has the marker
    await c.sync.pull();
    const onC = accountId(c.ctx, '300100');
    expect(whatNamesHer(c)).not.toMatch(grace);
    expect(call(c.ctx, 'getAccount', { accountId: onC }).activities.map((n) => n.text)).toContain(
      `Called ${REMOVED} at ${REMOVED} about ${REMOVED}.`,
    );
    expect(all(c.ctx.db, `SELECT * FROM not_synced`)).toEqual([]);
  });
});
