import type { ParsedInputOf } from '../../shared/api/contract';
import type { DocumentView } from '../../shared/api/documents';
import { notFound } from '../../shared/api/errors';
import { formatUsDate } from '../../shared/dates/iso-date';
import { formatCents } from '../../shared/money/format';
import { recordActivity } from '../activities/record';
import type { Ctx } from '../core/context';
import { documentView } from '../filing/list';
import { fileDocument } from '../filing/store';
import { loadItemizedBill } from './itemized-data';
import { renderItemizedBill } from './itemized-layout';

export const ITEMIZED_BILL_TITLE = 'Itemized bill';

/**
 * An itemized bill, which a patient may ask for at any time: it is filed and recorded like a
 * statement but is no step of the dunning cycle, so holds do not stop it.
 */
export async function generateItemizedBill(
  ctx: Ctx,
  input: ParsedInputOf<'generateItemizedBill'>,
): Promise<DocumentView> {
  const today = ctx.clock.today();
  const bill = loadItemizedBill(ctx.db, input.accountId, today);
  if (!bill) throw notFound('The account');
  const rendered = await renderItemizedBill(bill);
  return fileDocument(
    ctx,
    {
      kind: 'statement',
      title: ITEMIZED_BILL_TITLE,
      accountId: input.accountId,
      templateId: null,
      templateCopyId: null,
      documentDate: today,
      pages: rendered.pageCount,
      warnings: [...rendered.warnings],
    },
    rendered.pdf,
    (documentId) => {
      recordActivity(ctx, {
        accountId: input.accountId,
        kind: 'letter',
        direction: 'outbound',
        party: 'guarantor',
        text: `Itemized bill of ${formatUsDate(today)}: ${bill.charges.length} charge lines, balance ${formatCents(bill.balance)} (document ${documentId}).`,
      });
      return documentView(ctx.db, documentId);
    },
  );
}
