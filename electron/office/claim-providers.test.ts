import { expect, it } from 'vitest';
import type { Ctx } from '../core/context';
import { all, oneOrThrow, run } from '../db/query';
import { unknownProvidersAtUpgrade } from '../db/migrations/074-claim-providers-unknown';
import type { Claim837, ClaimProvider837 } from '../importers/claims/claim-types';
import { appealLetterData } from '../letters/appeal-data';
import { call } from '../testing/call';
import { claimFileText, resent, serviceLine, testClaim } from '../testing/claims';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { serverRows } from '../testing/office/office-copy';
import { claimStatusFile, recordsState, withAcme } from '../testing/office/records';
import { createServerDatabase, describeWithPg, loginSession } from '../testing/office/server-db';
import { notSyncedActions } from './not-synced';

const provider = (
  role: ClaimProvider837['role'],
  first: string,
  last: string,
  npi: string,
): ClaimProvider837 => ({ role, name: { first, middle: null, last, suffix: null }, npi });

const ATTENDING = provider('attending', 'Grace', 'Okafor', '1234567893');
const RENDERING = provider('rendering', 'Omar', 'Haddad', '1245319599');
const LINE_RENDERING = provider('rendering', 'Lena', 'Brandt', '1679576722');

/** REP-1 as first billed: attending and rendering for the claim, a rendering of its own on line 1. */
const REP_1: Claim837 = testClaim('REP-1', [10_000, 2_500], {
  providers: [ATTENDING, RENDERING],
  lines: [serviceLine(1, 10_000, { providers: [LINE_RENDERING] }), serviceLine(2, 2_500)],
});

/** REP-1's providers as first billed, as a desk holds them. */
const AS_BILLED = {
  claim: [
    { role: 'attending', name: 'Grace Okafor', npi: '1234567893' },
    { role: 'rendering', name: 'Omar Haddad', npi: '1245319599' },
  ],
  lines: [{ line: 1, role: 'rendering', name: 'Lena Brandt', npi: '1679576722' }],
};

/**
 * REP-1 sent again from a desk as a replacement naming these providers, line 2 billed anew
 * (a claim file changing only its providers is known as one imported before).
 */
function replaceProviders(
  d: Desktop,
  providers: ClaimProvider837[],
  lineOne: ClaimProvider837[],
  lineTwoCharge: number,
  file: string,
): void {
  const lines = [serviceLine(1, 10_000, { providers: lineOne }), serviceLine(2, lineTwoCharge)];
  const report = call(d.ctx, 'importFile', {
    fileName: file,
    text: claimFileText([resent(REP_1, '7', { providers, lines })]),
  });
  expect(report.status).toBe('posted');
}

/** The claim's providers and its lines' as a desk holds them, as its letters read them. */
const providersAt = (ctx: Ctx) => ({
  claim: all(
    ctx.db,
    `SELECT p.role, p.name, p.npi FROM claim_providers p JOIN claims c ON c.id = p.claim_id
      WHERE c.claim_number = 'REP-1' ORDER BY p.role`,
  ),
  lines: all(
    ctx.db,
    `SELECT l.line_number AS line, p.role, p.name, p.npi
       FROM claim_line_providers p JOIN claim_lines l ON l.id = p.claim_line_id
       JOIN claims c ON c.id = l.claim_id
      WHERE c.claim_number = 'REP-1' ORDER BY l.line_number, p.role`,
  ),
});

const claimId = (ctx: Ctx) =>
  oneOrThrow<{ id: number }>(ctx.db, `SELECT id FROM claims WHERE claim_number = 'REP-1'`).id;

/** Two desks of a new office, REP-1 imported at A and synced to both. */
async function rep1AtBothDesks() {
  const server = await createServerDatabase();
  const { a, b } = await twoDesktops(server, 0, withAcme);
  expect(
    call(a.ctx, 'importFile', { fileName: 'rep-1.837', text: claimFileText([REP_1]) }).status,
  ).toBe('posted');
  await syncAll(a, b);
  return { server, a, b };
}

describeWithPg("a claim's providers across the office", () => {
  it('a claim imported at one desk names the same providers at the other, in its appeal letter too', async () => {
    const { server, a, b } = await rep1AtBothDesks();
    expect(providersAt(a.ctx)).toEqual(AS_BILLED);
    expect(providersAt(b.ctx)).toEqual(AS_BILLED);
    expect(recordsState(b.ctx)).toEqual(recordsState(a.ctx));

    // B's appeal letter names the physicians the payer's claim carried
    const letter = appealLetterData(b.ctx.db, claimId(b.ctx), b.ctx.userId);
    expect(letter?.fields).toMatchObject({
      attending_provider: 'Grace Okafor (NPI 1234567893)',
      rendering_provider: 'Omar Haddad (NPI 1245319599)',
    });
    expect(letter?.serviceLines?.map((l) => l.providers)).toEqual([
      ['Rendering: Lena Brandt (NPI 1679576722)'],
      undefined,
    ]);
    // the office holds them inside the claim's and the line's rows
    expect(
      await serverRows(
        server,
        `SELECT c.providers AS claim, l.line_number AS line, l.providers AS "lineProviders"
           FROM claims c JOIN claim_lines l ON l.claim_gid = c.gid
          WHERE c.claim_number = 'REP-1' ORDER BY l.line_number`,
      ),
    ).toEqual([
      {
        claim: AS_BILLED.claim,
        line: 1,
        lineProviders: [{ role: 'rendering', name: 'Lena Brandt', npi: '1679576722' }],
      },
      { claim: AS_BILLED.claim, line: 2, lineProviders: [] },
    ]);
  });

  it('a replacement at one desk naming other providers reaches the other', async () => {
    const { a, b } = await rep1AtBothDesks();

    const attending = provider('attending', 'Ines', 'Moreau', '1093817465');
    replaceProviders(a, [attending, RENDERING], [], 3_000, 'corrected.837');
    await syncAll(a, b);

    const expected = {
      claim: [
        { role: 'attending', name: 'Ines Moreau', npi: '1093817465' },
        { role: 'rendering', name: 'Omar Haddad', npi: '1245319599' },
      ],
      lines: [],
    };
    expect(providersAt(a.ctx)).toEqual(expected);
    expect(providersAt(b.ctx)).toEqual(expected);
    expect(appealLetterData(b.ctx.db, claimId(b.ctx), b.ctx.userId)?.fields).toMatchObject({
      attending_provider: 'Ines Moreau (NPI 1093817465)',
    });
  });

  it('a replacement refused because another desk changed the claim first leaves the office’s providers', async () => {
    const { a, b } = await rep1AtBothDesks();

    // A replaces the claim first; B, offline, replaces it naming others
    const fromA = provider('attending', 'Ines', 'Moreau', '1093817465');
    const lineFromA = provider('rendering', 'Tomas', 'Vidal', '1316542870');
    replaceProviders(a, [fromA, RENDERING], [lineFromA], 3_000, 'corrected-a.837');
    const fromB = provider('attending', 'Ruth', 'Abara', '1588667638');
    const lineFromB = provider('rendering', 'Kenji', 'Sato', '1730158213');
    replaceProviders(b, [fromB], [lineFromB], 3_500, 'corrected-b.837');
    await syncAll(a, b);
    await syncAll(a, b);

    const office = {
      claim: [
        { role: 'attending', name: 'Ines Moreau', npi: '1093817465' },
        { role: 'rendering', name: 'Omar Haddad', npi: '1245319599' },
      ],
      lines: [{ line: 1, role: 'rendering', name: 'Tomas Vidal', npi: '1316542870' }],
    };
    expect(providersAt(a.ctx)).toEqual(office);
    expect(providersAt(b.ctx)).toEqual(office);
    expect(notSyncedActions(b.ctx.db).map((x) => x.reason)).toContainEqual(
      expect.stringMatching(/^Someone changed claim REP-1 first at another desktop/),
    );
    expect(appealLetterData(b.ctx.db, claimId(b.ctx), b.ctx.userId)?.fields).toMatchObject({
      attending_provider: 'Ines Moreau (NPI 1093817465)',
    });
  });

  it('a claim pulled before providers travelled: another desk’s change of it leaves the importing desk’s', async () => {
    const { server, a, b } = await rep1AtBothDesks();
    // B as an older version left it: the pulled claim with no providers, then the upgrade
    run(b.ctx.db, `UPDATE office_link SET capture = 0`);
    run(b.ctx.db, `DELETE FROM claim_line_providers`);
    run(b.ctx.db, `DELETE FROM claim_providers`);
    run(b.ctx.db, `UPDATE office_link SET capture = 1`);
    b.ctx.db.exec(unknownProvidersAtUpgrade);

    // the payer's acknowledgment imported at B changes the claim, not who treated the patient
    const ack = call(b.ctx, 'importFile', {
      fileName: 'ack.277',
      text: claimStatusFile('REP-1', false, 1),
    });
    expect(ack.status).toBe('posted');
    await syncAll(b, a);
    await syncAll(b, a);
    expect(providersAt(a.ctx)).toEqual(AS_BILLED);
    expect(
      await serverRows(server, `SELECT providers FROM claims WHERE claim_number = 'REP-1'`),
    ).toEqual([{ providers: AS_BILLED.claim }]);

    // the next claim file carrying the claim, at either desk, says them again for both
    const attending = provider('attending', 'Ines', 'Moreau', '1093817465');
    replaceProviders(b, [attending], [LINE_RENDERING], 3_000, 'corrected.837');
    await syncAll(b, a);
    const replaced = {
      claim: [{ role: 'attending', name: 'Ines Moreau', npi: '1093817465' }],
      lines: AS_BILLED.lines,
    };
    expect(providersAt(b.ctx)).toEqual(replaced);
    expect(providersAt(a.ctx)).toEqual(replaced);
  });

  it('providers a desk’s login writes in another shape are refused, so no desk is stopped', async () => {
    const { a } = await rep1AtBothDesks();
    const asA = await loginSession(a.config);
    const bad = [
      [{ role: 'surgeon', name: 'Grace Okafor', npi: null }],
      [{ role: 'attending', name: '', npi: null }],
      [{ role: 'attending', name: 'Grace Okafor' }],
      [{ role: 'attending', name: 'Grace Okafor', npi: null, note: 'x' }],
      [
        { role: 'attending', name: 'Grace Okafor', npi: null },
        { role: 'attending', name: 'Omar Haddad', npi: null },
      ],
      { role: 'attending', name: 'Grace Okafor', npi: null },
      ['Grace Okafor'],
    ];
    try {
      for (const providers of bad) {
        for (const tbl of ['claims', 'claim_lines']) {
          await expect(
            asA.query(
              `UPDATE ${tbl} SET providers = $1, version = version + 1
                WHERE gid = (SELECT min(gid) FROM ${tbl})`,
              [JSON.stringify(providers)],
            ),
          ).rejects.toMatchObject({ code: '23514', constraint: `${tbl}_providers_shape` });
        }
      }
      // the shape every desk holds is taken
      const good = [{ role: 'attending', name: 'Grace Okafor', npi: null }];
      const done = await asA.query(
        `UPDATE claims SET providers = $1, version = version + 1 WHERE claim_number = 'REP-1'`,
        [JSON.stringify(good)],
      );
      expect(done.rowCount).toBe(1);
    } finally {
      await asA.end();
    }
  });
});
