import type { ParsedInputOf } from '../../shared/api/contract';
import type { DocumentView } from '../../shared/api/documents';
import { conflict, notFound } from '../../shared/api/errors';
import { PATIENT_LETTER, type PatientLetter } from '../../shared/api/patient-letters';
import type { DunningStage, StatementHold } from '../../shared/api/statements';
import { formatCents } from '../../shared/money/format';
import { recordActivity } from '../activities/record';
import type { Ctx } from '../core/context';
import { renderLetter } from '../documents/letter-layout';
import { documentView } from '../filing/list';
import { fileDocument } from '../filing/store';
import { billingRules } from '../rules/billing-rules';
import type { AccountId } from '../../shared/ids';
import { FINAL_NOTICE } from '../statements/dunning';
import { recordStatementStages } from '../statements/stages';
import { accountHolds, accountStates } from '../statements/holds';
import { templatesInUse } from '../templates/in-use';
import { estateRepresentative, recordEstateRepresentative } from '../collections/estate';
import { deceasedPerson, patientLetterFields, type Representative } from './letter-fields';

/**
 * The hold each letter is the answer to: the estate letter is the estate process, the
 * address verification is what returned mail calls for, and the assistance notice belongs
 * with an application. Every other hold stops the letter as it stops a statement.
 */
const PROCESS_FOR: Record<PatientLetter, readonly StatementHold[]> = {
  'past-due-notice': [],
  'final-notice': [],
  'payment-plan-agreement': [],
  'financial-assistance-notice': ['assistance'],
  'estate-letter': ['deceased'],
  'address-verification': ['returned_mail'],
};

/**
 * The dunning stage a notice reaches, as a statement at that stage would: after a final
 * notice sent as a letter the next statement is no gentler than a final notice.
 */
const STAGE_OF: Partial<Record<PatientLetter, DunningStage>> = {
  'past-due-notice': 'past_due',
  'final-notice': 'final_notice',
};

type Input = ParsedInputOf<'generatePatientLetter'>;

/**
 * The executor to write to: the one entered now, else the last recorded (from the death
 * form or an earlier letter: one record). A letter needs their whole mailing address.
 */
function estateRecipient(ctx: Ctx, input: Input): Representative {
  const deceased = deceasedPerson(ctx.db, input.accountId);
  if (!deceased) {
    throw conflict('No estate letter was made: no one on this account is recorded as deceased.');
  }
  const recorded = input.representative
    ? recordEstateRepresentative(ctx, deceased.id, input.representative)
    : estateRepresentative(ctx.db, deceased.id);
  if (!recorded?.addressLines) {
    throw conflict(
      `No estate letter was made: no executor or personal representative address is recorded for the estate of ${deceased.name}${recorded ? ` (${recorded.name} is recorded, without a whole mailing address)` : ''}. A letter about the balance goes to the estate, never to the deceased; enter the representative's name and address first.`,
    );
  }
  return { name: recorded.name, addressLines: recorded.addressLines };
}

/**
 * A patient letter from the account, on its real figures, filed and recorded. A held
 * account's letter is refused with the hold's reason, and nothing is written.
 */
export async function generatePatientLetter(ctx: Ctx, input: Input): Promise<DocumentView> {
  const today = ctx.clock.today();
  const label = PATIENT_LETTER.labels[input.letter];
  const state = accountStates(ctx.db, today, billingRules(ctx.db), {
    accountIds: [input.accountId],
  })[0];
  if (!state) throw notFound('The account');
  const blocking = accountHolds(state).filter((h) => !PROCESS_FOR[input.letter].includes(h.hold));
  const first = blocking[0];
  if (first) throw conflict(`No ${label.toLowerCase()} was made. ${first.reason}`);
  // wording never turns gentler while the balance stays unpaid (the statement cycle's rule)
  if (input.letter === 'past-due-notice' && (state.record?.stage ?? 0) >= FINAL_NOTICE) {
    throw conflict(
      'No past-due notice was made: this account has already had a final notice, and a past-due notice would read as if it had not.',
    );
  }
  if (input.letter === 'address-verification' && !state.returnedMail) {
    throw conflict('No address verification was made: no mail to the guarantor has come back.');
  }
  if (input.letter === 'estate-letter' && !state.deceasedDate) {
    throw conflict('No estate letter was made: no one on this account is recorded as deceased.');
  }
  if (input.representative && input.letter !== 'estate-letter') {
    throw conflict('A representative is only recorded with the letter to an estate.');
  }
  const representative = input.letter === 'estate-letter' ? estateRecipient(ctx, input) : null;
  const { fields, warnings } = patientLetterFields(
    ctx.db,
    state,
    input.letter,
    today,
    representative,
  );
  const inUse = (await templatesInUse(ctx.db)).find((t) => t.template.id === input.letter);
  if (!inUse) throw notFound(`The ${label} template`);
  const rendered = await renderLetter(inUse.template, { fields }, { date: today });
  return fileDocument(
    ctx,
    {
      kind: 'letter',
      title: label,
      accountId: input.accountId,
      templateId: inUse.template.id,
      templateCopyId: inUse.copyId,
      documentDate: today,
      pages: rendered.pageCount,
      warnings: [...warnings, ...rendered.warnings],
    },
    rendered.pdf,
    (documentId) => {
      const stage = STAGE_OF[input.letter];
      if (stage) {
        const due = new Map<AccountId, number>([[input.accountId, state.patientBalance]]);
        recordStatementStages(ctx, [state], stage, today, due);
      }
      recordActivity(ctx, {
        accountId: input.accountId,
        kind: 'letter',
        direction: 'outbound',
        party: input.letter === 'estate-letter' ? 'other' : 'guarantor',
        text: `${label} to ${representative ? `${representative.name} for the estate` : (fields.guarantor_name ?? state.guarantorName)}, balance ${formatCents(state.patientBalance)} (document ${documentId}).`,
      });
      return documentView(ctx.db, documentId);
    },
  );
}
