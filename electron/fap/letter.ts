import { conflict, notFound } from '../../shared/api/errors';
import type { StatementHold } from '../../shared/api/statements';
import type { AccountId } from '../../shared/ids';
import { formatCents } from '../../shared/money/format';
import { recordActivity } from '../activities/record';
import type { Ctx } from '../core/context';
import type { LetterFields } from '../documents/letter-data';
import { renderLetter } from '../documents/letter-layout';
import { fileDocument } from '../filing/store';
import { patientLetterFields } from '../patient-letters/letter-fields';
import { billingRules } from '../rules/billing-rules';
import { accountHolds, accountStates } from '../statements/holds';
import { templatesInUse } from '../templates/in-use';

export type FapLetter = 'eca-notice' | 'assistance-incomplete';

/**
 * The holds a 501(r) letter goes out despite: the notice of collection actions is what the
 * end of the final notice period waits for, and the incomplete-application notice answers
 * the application that holds the account. Every other hold stops them as it stops a
 * statement, with its reason.
 */
const GOES_OUT_DESPITE: Record<FapLetter, readonly StatementHold[]> = {
  'eca-notice': ['pre_collection'],
  'assistance-incomplete': ['assistance', 'pre_collection', 'insurance_pending', 'no_balance'],
};

/**
 * Renders one of the 501(r) letters on the account's real figures (the patient letters'
 * fields, plus what this letter adds), files it and records it in the history; `write`
 * records the rest in the same transaction, given the document's id.
 */
export async function fileFapLetter<T>(
  ctx: Ctx,
  accountId: AccountId,
  letter: FapLetter,
  extra: LetterFields,
  write: (documentId: number) => T,
): Promise<T> {
  const today = ctx.clock.today();
  const state = accountStates(ctx.db, today, billingRules(ctx.db), { accountIds: [accountId] })[0];
  if (!state) throw notFound('The account');
  const inUse = (await templatesInUse(ctx.db)).find((t) => t.template.id === letter);
  if (!inUse) throw notFound(`The ${letter} template`);
  const title = inUse.template.title;
  const blocking = accountHolds(state).filter((h) => !GOES_OUT_DESPITE[letter].includes(h.hold));
  const first = blocking[0];
  if (first) throw conflict(`No ${title.toLowerCase()} was made. ${first.reason}`);
  // the financial-assistance notice's fields: the balance and the facility's assistance
  // contacts, with no past-due wording that could be untrue
  const base = patientLetterFields(ctx.db, state, 'financial-assistance-notice', today, null);
  const fields: LetterFields = { ...base.fields, ...extra };
  const rendered = await renderLetter(inUse.template, { fields }, { date: today });
  return fileDocument(
    ctx,
    {
      kind: 'letter',
      title,
      accountId,
      templateId: inUse.template.id,
      templateCopyId: inUse.copyId,
      documentDate: today,
      pages: rendered.pageCount,
      warnings: [...base.warnings, ...rendered.warnings],
    },
    rendered.pdf,
    (documentId) => {
      recordActivity(ctx, {
        accountId,
        kind: 'letter',
        direction: 'outbound',
        party: 'guarantor',
        text: `${title} to ${fields.guarantor_name ?? state.guarantorName}, balance ${formatCents(state.patientBalance)} (document ${documentId}).`,
      });
      return write(documentId);
    },
  );
}
