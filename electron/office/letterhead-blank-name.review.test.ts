import { expect, it } from 'vitest';
import { twoDesktops } from '../testing/office/desktops';
import { withLetterhead } from '../testing/office/facilities';
import { createServerDatabase, describeWithPg, loginSession } from '../testing/office/server-db';

/*
 * Found in review: the server held the letterhead's name to `name <> ''`, but a desk taking
 * the letterhead also names its main facility after it, and `facilities.name` holds
 * `length(trim(name)) > 0`. A desk's login could set a name of one space (a granted column,
 * one version on, in the last saver's name): the next desk taking it failed its take at every
 * sync, and its outbox never drained. The server now holds the name as every desk does.
 */

describeWithPg('a letterhead no desk can take, written by a desk’s login', () => {
  it('the server refuses a blank name, as every desk’s table does', async () => {
    const server = await createServerDatabase();
    const { b } = await twoDesktops(server, 1, withLetterhead);
    const asB = await loginSession(b.config);
    // in the name of the supervisor who saved it last, one version on: all the login may do
    const answer = await asB.query(`UPDATE letterhead SET name = ' ', version = version + 1`).then(
      () => 'accepted',
      (e: unknown) => `refused: ${String(e)}`,
    );
    expect(answer).toMatch(/^refused: /);
  });
});
