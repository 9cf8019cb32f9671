import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { makeSupervisor } from '../testing/builders';
import { call } from '../testing/call';
import { twoDesktops } from '../testing/office/desktops';
import { owingPatient } from '../testing/office/money';
import { createServerDatabase, describeWithPg, loginSession } from '../testing/office/server-db';

/*
 * Found in review: the server held the letterhead's name to `name <> ''`, but a desk taking
 * the letterhead also names its main facility after it, and `facilities.name` holds
 * `length(trim(name)) > 0`. A desk's login could set a name of one space (a granted column,
 * one version on, in the last saver's name): the next desk taking it failed its take at every
 * sync, and its outbox never drained. The server now holds the name as every desk does.
 */

const LETTERHEAD = {
  name: 'Harbor Point Hospital',
  line1: '10 Quay Street',
  line2: null,
  city: 'Portland',
  state: 'ME',
  zip: '04101',
  phone: '207-555-0100',
  fax: null,
  npi: null,
  taxId: null,
  web: null,
  billingOfficeHours: 'Mon-Fri 8-5',
  remitTo: 'PO Box 100\nPortland, ME 04101',
  paymentUrl: null,
  billingPhone: null,
  assistancePhone: '207-555-0150',
  assistanceUrl: null,
  assistanceSummaryUrl: null,
  languageTaglines: null,
};

/** A supervisor (rep.one, at A) sets the letterhead up; the patient owes $200.00. */
function office(ctx: Ctx, account: AccountId): void {
  makeSupervisor(ctx);
  call(ctx, 'saveFacility', LETTERHEAD);
  owingPatient(ctx, account);
}

describeWithPg('a letterhead no desk can take, written by a desk’s login', () => {
  it('the server refuses a blank name, as every desk’s table does', async () => {
    const server = await createServerDatabase();
    const { b } = await twoDesktops(server, 1, office);
    const asB = await loginSession(b.config);
    // in the name of the supervisor who saved it last, one version on: all the login may do
    const answer = await asB.query(`UPDATE letterhead SET name = ' ', version = version + 1`).then(
      () => 'accepted',
      (e: unknown) => `refused: ${String(e)}`,
    );
    expect(answer).toMatch(/^refused: /);
  });
});
