import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/api/contract';
import { addAccount, addBilledClaim, addPayer, makeSupervisor } from '../testing/builders';
import { call, expectRefused } from '../testing/call';
import { remitClaim, remittanceFile } from '../testing/remittance';
import { createTestCtx, rowCount, tableCounts, TEST_TODAY, type TestCtx } from '../testing/test-db';
import { classifyDenial } from '../../shared/codes/denials';
import { codeTable, explain, reasonWording } from './table';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
  makeSupervisor(ctx);
});
afterEach(() => ctx.close());

const REASONS_2025 = [
  'Code,Description,Start Date,Last Modified,Stop Date',
  '1,Deductible amount (as loaded).,01/01/1995,,',
  '45,Charge exceeds the fee schedule (as loaded).,01/01/1995,,',
  '42,Charges exceed our fee schedule.,01/01/1995,,10/31/2007',
  '9001,A newer code the shipped table does not know.,01/01/2025,,',
].join('\n');

const REASONS_2026 = [
  'Code,Description,Start Date,Last Modified,Stop Date',
  '1,Deductible amount (2026 wording).,01/01/1995,03/01/2026,',
  '45,Charge exceeds the fee schedule (as loaded).,01/01/1995,,',
  '42,Charges exceed our fee schedule.,01/01/1995,,10/31/2007',
  '9001,A newer code the shipped table does not know.,01/01/2025,,01/31/2026',
  '9002,Services not authorized by the plan.,03/01/2026,,',
].join('\n');

const file = (
  text: string,
  published: string,
  kind: 'reason' | 'remark' = 'reason',
): InputOf<'loadCodeList'> => ({ kind, published, fileName: `carc-${published}.csv`, text });

describe('loading a published code list', () => {
  it('previews the changes, then loads them over the shipped codes with a history row', () => {
    const preview = call(ctx, 'previewCodeList', file(REASONS_2025, '2025-11-01'));
    expect(preview).toMatchObject({
      problems: [],
      codeCount: 4,
      added: 2,
      changed: 2,
      stopped: 0,
      alreadyLoaded: null,
      newerLoaded: null,
    });
    expect(preview.samples.added).toEqual(['42', '9001']);
    // the preview wrote nothing
    expect(rowCount(ctx, 'code_list_loads')).toBe(0);

    const result = call(ctx, 'loadCodeList', file(REASONS_2025, '2025-11-01'));
    expect(result.loaded).toBe(true);
    expect(result.message).toMatch(/2 added, 2 changed, 0 stopped/);
    expect(result.lists.history).toEqual([
      expect.objectContaining({
        kind: 'reason',
        published: '2025-11-01',
        fileName: 'carc-2025-11-01.csv',
        codeCount: 4,
        byName: 'Rita Representative',
      }),
    ]);
    const table = codeTable(ctx.db);
    expect(explain(table, 'reason', '45').description).toBe(
      'Charge exceeds the fee schedule (as loaded).',
    );
    // a shipped code the file does not list is kept
    expect(explain(table, 'reason', '50').status).toBe('current');
    expect(explain(table, 'reason', '42', TEST_TODAY).status).toBe('stopped');
  });

  it('refuses a bad file with the reason and writes nothing', () => {
    const bad = `Code,Description\n1,Deductible\nN4,A remark code\n`;
    expectRefused(
      ctx,
      'loadCodeList',
      file(bad, '2025-11-01'),
      /The reason code list was not loaded; nothing was changed\. Row 3: N4 is a remark code/,
    );
    expectRefused(
      ctx,
      'loadCodeList',
      file('just some text', '2025-11-01'),
      /must name the columns Code and Description/,
    );
  });

  it('treats the same file loaded twice as nothing to do', () => {
    call(ctx, 'loadCodeList', file(REASONS_2025, '2025-11-01'));
    const before = tableCounts(ctx);
    const again = call(ctx, 'loadCodeList', file(REASONS_2025, '2025-11-01'));
    expect(again.loaded).toBe(false);
    expect(again.message).toMatch(/already loaded .* by Rita Representative; nothing was changed/);
    expect(tableCounts(ctx)).toEqual(before);
    expect(call(ctx, 'previewCodeList', file(REASONS_2025, '2025-11-01')).alreadyLoaded).not.toBe(
      null,
    );
  });

  it('lets the newer list win and refuses an older one after it', () => {
    call(ctx, 'loadCodeList', file(REASONS_2025, '2025-11-01'));
    const newer = call(ctx, 'loadCodeList', file(REASONS_2026, '2026-03-01'));
    expect(newer.message).toMatch(/1 added, 1 changed, 1 stopped, 2 unchanged/);
    const table = codeTable(ctx.db);
    expect(explain(table, 'reason', '1').description).toBe('Deductible amount (2026 wording).');
    expect(explain(table, 'reason', '9001', TEST_TODAY).status).toBe('stopped');
    expect(newer.lists.lists.find((l) => l.kind === 'reason')?.latest?.published).toBe(
      '2026-03-01',
    );
    expectRefused(
      ctx,
      'loadCodeList',
      file(REASONS_2025.replace('(as loaded)', '(older)'), '2025-11-01'),
      /published 03\/01\/2026, after this one \(11\/01\/2025\); the older list was not loaded/,
    );
    expect(call(ctx, 'previewCodeList', file(REASONS_2025, '2025-07-01')).newerLoaded).toEqual({
      published: '2026-03-01',
    });
  });

  it('keeps remark codes apart from reason codes', () => {
    const remarks = `Code,Description\nN4,Missing prior EOB (as loaded).\nN9999,A new remark.\n`;
    expectRefused(ctx, 'loadCodeList', file(remarks, '2026-03-01'), /N4 is a remark code/);
    call(ctx, 'loadCodeList', file(remarks, '2026-03-01', 'remark'));
    const table = codeTable(ctx.db);
    expect(explain(table, 'remark', 'N9999').status).toBe('current');
    expect(explain(table, 'reason', 'N9999').status).toBe('unknown');
  });

  it("classifies a denial by a loaded code's wording", () => {
    const denial = [{ group: 'CO', reason: '9002' }];
    expect(classifyDenial(denial, [], reasonWording(ctx.db)).category).toBe('other');
    call(ctx, 'loadCodeList', file(REASONS_2026, '2026-03-01'));
    expect(classifyDenial(denial, [], reasonWording(ctx.db)).category).toBe('prior_authorization');
  });

  it('names the reason codes the denial categories leave as "other"', () => {
    const text = `Code,Description\n9101,Alert: see the bulletin.\n9102,Duplicate of a paid claim.\n`;
    expect(call(ctx, 'previewCodeList', file(text, '2026-03-01')).uncategorized).toEqual(['9101']);
  });
});

describe('codes seen that no table holds', () => {
  function importRemittance(trace: string, reasons: string[], remarks: string[]) {
    const payerId = addPayer(ctx, {});
    const { accountId } = addAccount(ctx, { payerId });
    const { claimId } = addBilledClaim(ctx, accountId, payerId, [10_000]);
    const { n } = ctx.db
      .prepare(`SELECT claim_number AS n FROM claims WHERE id = ?`)
      .get(claimId) as {
      n: string;
    };
    const text = remittanceFile(
      [
        remitClaim({
          patientControlNumber: n,
          charge: 10_000,
          paid: 10_000 - reasons.length * 100,
          adjustments: reasons.map((reason) => ({ group: 'CO', reason, amount: 100 })),
          remarks,
        }),
      ],
      { trace, date: TEST_TODAY },
    );
    call(ctx, 'importFile', { fileName: `${trace}.835`, text });
  }

  it('lists each unknown code with where and when it was first seen and how often', () => {
    expect(call(ctx, 'listUnknownCodes', {})).toEqual([]);
    importRemittance('EFT-1', ['45', '9001'], ['MA01', 'N9999']);
    importRemittance('EFT-2', ['9001'], []);
    const unknown = call(ctx, 'listUnknownCodes', {});
    expect(unknown).toEqual([
      {
        kind: 'reason',
        code: '9001',
        firstSeenAt: `${TEST_TODAY}T15:00:00.000Z`,
        firstSeenIn: expect.stringMatching(/^EFT-1\.835, remittance EFT-1 from /),
        lastSeenAt: `${TEST_TODAY}T15:00:00.000Z`,
        timesSeen: 2,
      },
      expect.objectContaining({ kind: 'remark', code: 'N9999', timesSeen: 1 }),
    ]);
  });

  it('drops a code from the list once a loaded list holds it', () => {
    importRemittance('EFT-1', ['9001'], []);
    call(ctx, 'loadCodeList', file(REASONS_2025, '2025-11-01'));
    expect(call(ctx, 'listUnknownCodes', {})).toEqual([]);
  });
});
