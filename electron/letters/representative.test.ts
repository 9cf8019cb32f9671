import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadShippedTemplates } from '../documents/template-load';
import { renderLetter } from '../documents/letter-layout';
import { pdfText } from '../documents/test-pdf';
import { addAccount, addBilledClaim, addPayer, makeSupervisor } from '../testing/builders';
import { call } from '../testing/call';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { appealLetterData } from './appeal-data';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
  makeSupervisor(ctx);
  call(ctx, 'saveFacility', {
    name: 'Lakeshore Regional Medical Center',
    line1: '2400 North Lakeview Parkway',
    city: 'Chicago',
    state: 'IL',
    zip: '60614',
    phone: '(312) 555-0100',
  });
});
afterEach(() => ctx.close());

const flat = (text: string) => text.replace(/\s+/g, ' ');

async function medicareLetterText(): Promise<string> {
  const payerId = addPayer(ctx);
  const { accountId } = addAccount(ctx, { payerId });
  const { claimId } = addBilledClaim(ctx, accountId, payerId, [12_500]);
  const data = appealLetterData(ctx.db, claimId, ctx.userId);
  if (!data) throw new Error('no letter data');
  const templates = await loadShippedTemplates();
  const medicare = templates.find((t) => t.kind === 'medicare-redetermination');
  const appeal = templates.find((t) => t.id === 'appeal-medical-necessity-1');
  if (!medicare || !appeal) throw new Error('shipped templates missing');
  const texts = await Promise.all(
    [medicare, appeal].map(async (t) =>
      flat(pdfText((await renderLetter(t, data, { date: ctx.clock.today() })).pdf)),
    ),
  );
  return texts.join('\n');
}

describe('the representative a payer can reach', () => {
  it("prints the signer's title, direct line and email", async () => {
    call(ctx, 'saveUserContact', {
      userId: ctx.userId,
      title: 'Patient Account Representative',
      phone: '(312) 555-0127',
      email: 'rita@lakeshore.example',
    });
    const text = await medicareLetterText();
    expect(text).toContain('Telephone: (312) 555-0127');
    expect(text).toContain('Patient Account Representative');
    expect(text).toContain('rita@lakeshore.example');
    expect(text).toContain('at (312) 555-0127');
    expect(text).not.toContain('business office');
  });

  it('without a direct line prints the business office number, labelled as such', async () => {
    // an extension alone, as older databases hold, reaches nobody from outside
    ctx.db.prepare(`UPDATE users SET phone = 'ext. 4127' WHERE id = ?`).run(ctx.userId);
    const text = await medicareLetterText();
    expect(text).toContain('Telephone: (312) 555-0100 (business office)');
    expect(text).toContain('at (312) 555-0100 (business office)');
    expect(text).not.toContain('4127');
  });
});
