import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import { generateDemoData } from '../demo/generate';
import { renderLetter } from '../documents/letter-layout';
import { loadShippedTemplates } from '../documents/template-load';
import { pdfBodyText, pdfText } from '../documents/test-pdf';
import { documentsDir } from '../filing/location';
import { call, callAsync, expectRefused, expectRefusedAsync } from '../testing/call';

import { addAccount, addBilledClaim, addPayer } from '../testing/builders';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { appealLetterData } from './appeal-data';
import { reproduceLetter } from './facts';

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('the deadline sentence of every appeal template', () => {
  let ctx: TestCtx;
  beforeAll(() => {
    ctx = createTestCtx();
  });
  afterAll(() => ctx.close());

  const deadline = '2026-03-10' as IsoDate;
  const shown = formatUsDate(deadline);

  async function letterTexts(date: IsoDate): Promise<Map<string, string>> {
    const payerId = addPayer(ctx);
    const { accountId } = addAccount(ctx, { payerId });
    const { claimId } = addBilledClaim(ctx, accountId, payerId, [12_500]);
    const data = appealLetterData(ctx.db, claimId, ctx.userId);
    if (!data) throw new Error('no letter data');
    const withDeadline = { ...data, fields: { ...data.fields, appeal_deadline: deadline } };
    const out = new Map<string, string>();
    for (const t of await loadShippedTemplates()) {
      if (t.kind !== 'appeal' && t.kind !== 'medicare-redetermination') continue;
      out.set(t.id, flat(pdfBodyText((await renderLetter(t, withDeadline, { date })).pdf)));
    }
    return out;
  }

  it('says the appeal is within the deadline only when the letter is dated by it', async () => {
    const texts = await letterTexts(deadline);
    const saying = [...texts].filter(([, text]) => text.includes('within your deadline'));
    // every first-level letter carries the sentence, and the redetermination request too
    expect(saying.map(([id]) => id).sort()).toEqual([
      'appeal-coding-bundling-1',
      'appeal-coordination-of-benefits-1',
      'appeal-eligibility-1',
      'appeal-medical-necessity-1',
      'appeal-medical-necessity-2',
      'appeal-non-covered-1',
      'appeal-prior-authorization-1',
      'appeal-timely-filing-1',
      'appeal-underpayment-1',
      'medicare-redetermination',
    ]);
    for (const [id, text] of saying) {
      expect(text, id).toContain(`This appeal is filed within your deadline of ${shown}.`);
      expect(text, id).not.toContain('good cause');
    }
  });

  it('after the deadline says so and asks for good cause, on every template', async () => {
    const texts = await letterTexts(addDays(deadline, 1));
    for (const [id, text] of texts) {
      expect(text, id).not.toContain('within your deadline');
      if (id.endsWith('-2') && id !== 'appeal-medical-necessity-2') continue;
      expect(text, id).toContain(
        `We recognize that this appeal is filed after your deadline of ${shown}. We ask that you accept it for good cause: [REASON FOR LATE FILING].`,
      );
    }
  });

  it('with no deadline on file says nothing about one', async () => {
    const payerId = addPayer(ctx);
    const { accountId } = addAccount(ctx, { payerId });
    const { claimId } = addBilledClaim(ctx, accountId, payerId, [12_500]);
    const data = appealLetterData(ctx.db, claimId, ctx.userId);
    if (!data) throw new Error('no letter data');
    const template = (await loadShippedTemplates()).find(
      (t) => t.id === 'appeal-medical-necessity-1',
    );
    if (!template) throw new Error('no template');
    const letter = await renderLetter(template, data, { date: deadline });
    const text = flat(pdfText(letter.pdf));
    expect(text).not.toMatch(/deadline|DEADLINE STATEMENT/);
    expect(text).toContain('under the terms of our agreement. If you need anything further');
  });
});

describe('appeal letters of the demo hospital', () => {
  let ctx: TestCtx;
  // building the demo hospital takes seconds more on a busy machine
  beforeAll(() => {
    ctx = createTestCtx();
    generateDemoData(ctx.db, { today: ctx.clock.today(), now: ctx.clock.now(), scale: 'demo' });
  }, 60_000);
  afterAll(() => ctx.close());

  const files = () => {
    const root = documentsDir(ctx.databasePath);
    return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true }).length : 0;
  };

  it('is refused without the representative confirming it, and says late when confirmed', async () => {
    const late = call(ctx, 'listDenials', { limit: 500 }).rows.find(
      (d) => d.daysLeft < 0 && d.action === 'appeal' && d.category === 'medical_necessity',
    );
    if (!late) throw new Error('the demo hospital has no late medical necessity appeal');
    const draft = await callAsync(ctx, 'draftAppeal', { denialId: late.id });
    expect(draft).toMatchObject({ late: true, deadline: late.deadlineDate });
    expect(draft.warnings[0]).toMatch(
      new RegExp(`^The appeal deadline of ${formatUsDate(late.deadlineDate)} has passed\\.`),
    );
    expect(draft.fields.find((f) => f.key === 'late_filing_reason')).toMatchObject({
      value: null,
      required: true,
    });
    const input = { denialId: late.id, templateId: draft.templateId };
    const before = files();
    await expectRefusedAsync(
      ctx,
      'generateAppeal',
      input,
      /has passed\. Confirm that you want to send a late appeal/,
    );
    await expectRefusedAsync(
      ctx,
      'generateAppeal',
      { ...input, confirmLate: false },
      /Confirm that you want to send a late appeal/,
    );
    expect(files()).toBe(before);
    const reason = draft.blocks.findIndex(
      (b) => b.type === 'paragraph' && b.text.includes('[REASON FOR LATE FILING]'),
    );
    const block = draft.blocks[reason];
    if (!block || block.type !== 'paragraph') throw new Error('no late-filing paragraph');
    const text = block.text.replace(
      '[REASON FOR LATE FILING]',
      'the remittance reached us only after the deadline',
    );
    const doc = await callAsync(ctx, 'generateAppeal', {
      ...input,
      edits: [{ index: reason, text }],
      confirmLate: true,
    });
    expect(doc.warnings.join(' ')).toContain('has passed');
    const preview = await callAsync(ctx, 'previewAppeal', {
      ...input,
      edits: [{ index: reason, text }],
    });
    const printed = flat(pdfBodyText(Buffer.from(preview.pdfBase64, 'base64')));
    expect(printed).toContain(
      `after your deadline of ${formatUsDate(late.deadlineDate)}. We ask that you accept it for good cause: the remittance reached us only after the deadline.`,
    );
    expect(printed).not.toContain('within your deadline');
  });

  it('an appeal on time needs no confirmation', async () => {
    const onTime = call(ctx, 'listDenials', { limit: 500 }).rows.find(
      (d) => d.daysLeft >= 0 && d.action === 'appeal' && d.category === 'non_covered',
    );
    if (!onTime) throw new Error('the demo hospital has no timely non-covered appeal');
    const draft = await callAsync(ctx, 'draftAppeal', { denialId: onTime.id });
    expect(draft.late).toBe(false);
    expect(draft.warnings.join(' ')).not.toContain('has passed');
    const doc = await callAsync(ctx, 'generateAppeal', {
      denialId: onTime.id,
      templateId: draft.templateId,
    });
    expect(doc.documentId).toBeGreaterThan(0);
  });

  it('are offered with their hints, print only when ticked, and an unknown one is refused', async () => {
    const denial = call(ctx, 'listDenials', { limit: 500 }).rows.find(
      (d) => d.category === 'non_covered' && d.action === 'appeal' && d.daysLeft >= 0,
    );
    if (!denial) throw new Error('the demo hospital has no timely non-covered appeal');
    const draft = await callAsync(ctx, 'draftAppeal', {
      denialId: denial.id,
      templateId: 'appeal-non-covered-1',
    });
    expect(draft.options.map((o) => o.id)).toEqual([
      'covered-benefit',
      'emergency-care-no-surprises-act',
      'referral-or-no-network-provider',
    ]);
    expect(draft.options[1]?.hint).toMatch(
      /^Only when the record shows the patient came for emergency care/,
    );
    // the editor gets the argument's text to show once it is ticked
    const emergency = draft.blocks.find((b) => b.option === 'emergency-care-no-surprises-act');
    expect(emergency).toMatchObject({
      type: 'list',
      items: [expect.stringContaining('No Surprises Act')],
    });

    const base = { denialId: denial.id, templateId: draft.templateId };
    const off = flat(
      pdfText(Buffer.from((await callAsync(ctx, 'previewAppeal', base)).pdfBase64, 'base64')),
    );
    expect(off).not.toMatch(
      /No Surprises Act|emergency services|referred to us|covered benefit under/,
    );
    const on = flat(
      pdfText(
        Buffer.from(
          (
            await callAsync(ctx, 'previewAppeal', {
              ...base,
              options: ['emergency-care-no-surprises-act'],
            })
          ).pdfBase64,
          'base64',
        ),
      ),
    );
    expect(on).toContain('including the No Surprises Act');
    expect(on).not.toMatch(/referred to us|covered benefit under/);

    await expectRefusedAsync(
      ctx,
      'generateAppeal',
      { ...base, options: ['trauma-activation'] },
      /This letter has no optional argument "trauma-activation"; it has covered-benefit, emergency-care-no-surprises-act, referral-or-no-network-provider\./,
    );
  });

  it('a second-level letter cites the first appeal, and the payer reference only when on file', async () => {
    const denial = call(ctx, 'listDenials', { limit: 500 }).rows.find(
      (d) => d.daysLeft >= 0 && d.action === 'appeal' && d.category === 'eligibility',
    );
    if (!denial) throw new Error('the demo hospital has no timely eligibility appeal');
    const first = await callAsync(ctx, 'draftAppeal', { denialId: denial.id });
    const secondLevel = { denialId: denial.id, templateId: 'appeal-eligibility-2' };
    const before = await callAsync(ctx, 'draftAppeal', secondLevel);
    expect(before.fields.find((f) => f.key === 'first_appeal_date')?.value).toBeNull();
    const doc = await callAsync(ctx, 'generateAppeal', {
      denialId: denial.id,
      templateId: first.templateId,
    });
    call(ctx, 'markDocumentSent', { documentId: doc.documentId, sentDate: ctx.clock.today() });
    const sent = formatUsDate(ctx.clock.today());
    const secondText = async () =>
      flat(
        pdfText(
          Buffer.from((await callAsync(ctx, 'previewAppeal', secondLevel)).pdfBase64, 'base64'),
        ),
      );

    // nothing from the payer yet: the letter says when the first appeal went, and no more
    const second = await callAsync(ctx, 'draftAppeal', secondLevel);
    expect(second.fields.find((f) => f.key === 'first_appeal_date')?.value).toBe(sent);
    expect(second.fields.find((f) => f.key === 'first_appeal_reference')?.value).toBeNull();
    const bare = await secondText();
    expect(bare).toContain(`Our first appeal was sent on ${sent}. The amount of`);
    expect(bare).not.toMatch(/\[FIRST APPEAL|reference \(|\(\)|First appeal reference/);

    // the payer acknowledges it under a case number: the reference is cited
    call(ctx, 'updateDenial', {
      denialId: denial.id,
      state: 'awaiting_payer',
      response: { kind: 'acknowledged', letterDate: ctx.clock.today(), reference: 'APL-55102' },
    });
    expect(await secondText()).toContain(
      `Our first appeal was sent on ${sent}; your reference for it is APL-55102.`,
    );

    // then upholds the denial: the decision's date and the reference, in one sentence
    const decided = addDays(ctx.clock.today(), -1);
    call(ctx, 'updateDenial', {
      denialId: denial.id,
      state: 'in_review',
      appealLevel: 'second',
      response: { kind: 'upheld', letterDate: decided },
    });
    const cited = await secondText();
    expect(cited).toContain(
      `Our first appeal, sent on ${sent}, was upheld by your letter dated ${formatUsDate(decided)} (your reference APL-55102).`,
    );
    expect(cited).toMatch(/First appeal reference:? APL-55102/);
    const history = call(ctx, 'getAccount', { accountId: denial.accountId }).activities;
    expect(history.map((a) => a.text).join('\n')).toContain(
      `Payer's answer to the first level appeal: upheld the denial (letter of ${formatUsDate(decided)}).`,
    );
  });

  it("refuses a payer's answer dated after today, keeping nothing", () => {
    const denial = call(ctx, 'listDenials', { limit: 1 }).rows[0];
    if (!denial) throw new Error('the demo hospital has no open denial');
    expectRefused(
      ctx,
      'updateDenial',
      {
        denialId: denial.id,
        state: 'awaiting_payer',
        response: { kind: 'acknowledged', letterDate: addDays(ctx.clock.today(), 1) },
      },
      /cannot be dated after today/,
    );
  });

  it('a filed letter keeps the facts it printed and is reproduced from them exactly', async () => {
    const denial = call(ctx, 'listDenials', { limit: 500 }).rows.find(
      (d) =>
        d.daysLeft >= 0 &&
        d.action === 'appeal' &&
        d.category === 'non_covered' &&
        d.state === 'new',
    );
    if (!denial) throw new Error('the demo hospital has no timely non-covered appeal');
    ctx.db.prepare(`UPDATE users SET phone = '(312) 555-0160' WHERE id = ?`).run(ctx.userId);
    const doc = await callAsync(ctx, 'generateAppeal', {
      denialId: denial.id,
      templateId: 'appeal-non-covered-1',
      options: ['emergency-care-no-surprises-act'],
      enclosures: ['Emergency department record'],
    });
    const filed = Buffer.from(
      (await callAsync(ctx, 'getDocumentFile', { documentId: doc.documentId })).pdfBase64,
      'base64',
    );
    // what the account and the signer hold changes after the letter went out
    ctx.db.prepare(`UPDATE users SET phone = '(312) 555-0199' WHERE id = ?`).run(ctx.userId);
    const again = await reproduceLetter(ctx.db, doc.documentId);
    if (!again) throw new Error('no facts kept');
    expect(again.pdf.equals(filed)).toBe(true);
    const text = flat(pdfBodyText(again.pdf));
    expect(text).toContain('(312) 555-0160');
    expect(text).toContain('including the No Surprises Act');
    expect(() =>
      ctx.db.prepare(`DELETE FROM document_facts WHERE document_id = ?`).run(doc.documentId),
    ).toThrow(/keeps the facts it printed/);

    // through the API: the same bytes, and both fingerprints to show it
    const checked = await callAsync(ctx, 'reproduceLetter', { documentId: doc.documentId });
    expect(Buffer.from(checked.pdfBase64, 'base64').equals(filed)).toBe(true);
    expect(checked).toMatchObject({ identical: true, sha256: checked.filedSha256 });
    expect(checked.sha256).toBe(createHash('sha256').update(filed).digest('hex'));

    // facts that no longer print the filed letter are told apart (the guard lifted to forge them)
    ctx.db.exec(`DROP TRIGGER document_facts_no_update`);
    ctx.db
      .prepare(
        `UPDATE document_facts SET letter = replace(letter, '555-0160', '555-0161') WHERE document_id = ?`,
      )
      .run(doc.documentId);
    const forged = await callAsync(ctx, 'reproduceLetter', { documentId: doc.documentId });
    expect(forged.identical).toBe(false);
    expect(forged.filedSha256).toBe(checked.filedSha256);
    expect(forged.sha256).not.toBe(forged.filedSha256);
  });

  it('says why a document without kept facts cannot be reproduced', async () => {
    const accountId = call(ctx, 'listDenials', { limit: 1 }).rows[0]?.accountId;
    if (accountId === undefined) throw new Error('no account');
    const bill = await callAsync(ctx, 'generateItemizedBill', { accountId });
    await expectRefusedAsync(
      ctx,
      'reproduceLetter',
      { documentId: bill.documentId },
      /cannot be reproduced: only appeal letters filed since/,
    );
  });
});
