import type { AccountId, ClaimId, DenialId } from '../../shared/ids';
import type { ParsedInputOf } from '../../shared/api/contract';
import { conflict, invalid, notFound } from '../../shared/api/errors';
import type {
  AppealLevel,
  DenialAction,
  DenialCategory,
  DenialState,
} from '../../shared/codes/denials';
import { formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import type { ReadCtx } from '../core/context';
import { fillTemplate, type FilledBlock, type FilledLetter } from '../documents/fill';
import { isLate } from '../documents/deadline';
import { PLACEHOLDERS } from '../documents/placeholders';
import type { Template, TemplateKind } from '../documents/template';
import { templatesInUse, type TemplateInUse } from '../templates/in-use';
import { describePayment, paymentSinceDenial } from '../denials/paid';
import { appealLetterData, chooseAppealTemplate, hasAppealLetter } from './appeal-data';
import { one } from '../db/query';

/** The templates a representative may send for a denial. */
export const DENIAL_LETTER_KINDS: readonly TemplateKind[] = [
  'appeal',
  'medicare-redetermination',
  'corrected-claim',
];

export interface DenialFacts {
  id: DenialId;
  claimId: ClaimId;
  accountId: AccountId;
  accountNumber: string;
  category: DenialCategory;
  action: DenialAction;
  state: DenialState;
  appealLevel: AppealLevel;
  financialClass: string;
  payerName: string;
  deadlineDate: IsoDate;
}

export function denialFacts(ctx: ReadCtx, denialId: DenialId): DenialFacts {
  const row = one<DenialFacts>(
    ctx.db,
    `SELECT d.id, d.claim_id AS claimId, c.account_id AS accountId,
         a.account_number AS accountNumber, d.category, d.action, d.state,
         d.appeal_level AS appealLevel, py.financial_class AS financialClass,
         py.name AS payerName, d.deadline_date AS deadlineDate
       FROM denials d JOIN claims c ON c.id = d.claim_id JOIN accounts a ON a.id = c.account_id
       JOIN payers py ON py.id = c.payer_id WHERE d.id = ?`,
    denialId,
  );
  if (!row) throw notFound('The denial');
  return row;
}

/** An appeal dated today would reach the payer after its deadline. */
export function isLateAppeal(ctx: ReadCtx, choice: AppealChoice): boolean {
  return (
    choice.chosen.template.kind !== 'corrected-claim' &&
    isLate(choice.denial.deadlineDate, ctx.clock.today()) === true
  );
}

/**
 * Past the deadline the letter says so and asks for good cause instead of claiming it is
 * on time; the representative must know, and confirm, before anything is filed.
 */
export function deadlineWarnings(ctx: ReadCtx, choice: AppealChoice): string[] {
  return isLateAppeal(ctx, choice)
    ? [
        `The appeal deadline of ${formatUsDate(choice.denial.deadlineDate)} has passed. The letter says so and asks the payer to accept it for good cause: give the reason, check that the payer still accepts a late appeal, and confirm before generating.`,
      ]
    : [];
}

/**
 * An appeal for a claim the payer has since paid would ask for money already received;
 * the representative sees the payment before anything is printed.
 */
export function paidWarnings(ctx: ReadCtx, denial: DenialFacts): string[] {
  const paid = paymentSinceDenial(ctx.db, denial.id);
  if (!paid) return [];
  return [
    paid.stillOwed > 0
      ? `The claim has since been partly paid: ${describePayment(paid)}. Appeal only what is still unpaid.`
      : `The claim has since been paid: ${describePayment(paid)}. No appeal is needed; this letter cannot be generated.`,
  ];
}

/**
 * A claim paid in full since its denial gets no appeal letter, whatever state its denial
 * is in: refusing is safer than a confirmation a busy representative clicks through, and
 * a reversal of that payment by the payer makes the letter possible again.
 */
export function requireNotPaidInFull(ctx: ReadCtx, denial: DenialFacts): void {
  const paid = paymentSinceDenial(ctx.db, denial.id);
  if (paid && paid.stillOwed <= 0) {
    throw conflict(
      `The claim has since been paid: ${describePayment(paid)}. An appeal letter is not generated for a paid claim.`,
    );
  }
}

/** Filing a late appeal is a decision the representative makes knowingly, not by default. */
export function requireLateConfirmed(
  ctx: ReadCtx,
  choice: AppealChoice,
  confirmLate: boolean,
): void {
  if (isLateAppeal(ctx, choice) && !confirmLate) {
    throw conflict(
      `The appeal deadline of ${formatUsDate(choice.denial.deadlineDate)} has passed. Confirm that you want to send a late appeal, which asks the payer to accept it for good cause, before generating it.`,
    );
  }
}

/** A resolved denial is not written to; it is moved back to review first. */
export function requireUnresolved(denial: DenialFacts): void {
  if (denial.state === 'resolved') {
    throw conflict(
      'This denial is resolved. Move it back to "in review" before generating a letter for it.',
    );
  }
}

/**
 * The letter for the denial's category and level, the Medicare redetermination request at
 * Medicare's first level, and the corrected-claim cover letter for denials that are fixed
 * and resubmitted rather than appealed.
 */
function suggest(choices: readonly TemplateInUse[], denial: DenialFacts): TemplateInUse | null {
  if (denial.action === 'correct_and_resubmit' || !hasAppealLetter(denial.category)) {
    return choices.find((c) => c.template.kind === 'corrected-claim') ?? null;
  }
  const chosen = chooseAppealTemplate(
    choices.map((c) => c.template),
    denial.category,
    denial.appealLevel === 'first' ? 1 : 2,
    denial.financialClass === 'medicare',
  );
  return choices.find((c) => c.template.id === chosen?.id) ?? null;
}

export interface AppealChoice {
  readonly denial: DenialFacts;
  readonly choices: readonly TemplateInUse[];
  readonly suggested: TemplateInUse | null;
  readonly chosen: TemplateInUse;
}

/** The denial, the template to use (the caller's, or the suggested one) and the alternatives. */
export async function chooseLetter(
  ctx: ReadCtx,
  denialId: DenialId,
  templateId: string | null | undefined,
): Promise<AppealChoice> {
  const denial = denialFacts(ctx, denialId);
  const inUse = await templatesInUse(ctx.db);
  const choices = inUse.filter((t) => DENIAL_LETTER_KINDS.includes(t.template.kind));
  const suggested = suggest(choices, denial);
  let chosen = suggested;
  if (templateId) {
    const found = inUse.find((t) => t.template.id === templateId);
    if (!found) throw notFound('The template');
    if (!DENIAL_LETTER_KINDS.includes(found.template.kind)) {
      throw invalid(
        'Choose an appeal letter, the Medicare redetermination request or the corrected-claim cover letter.',
        'templateId',
      );
    }
    chosen = found;
  }
  if (!chosen) throw conflict('No letter template fits this denial; choose one.');
  return { denial, choices, suggested, chosen };
}

/**
 * The letter filled from the database, with the enclosures and the optional arguments
 * the representative chose; `options: 'all'` fills every argument, for the editor to show.
 */
export function fillLetter(
  ctx: ReadCtx,
  choice: AppealChoice,
  enclosures: readonly string[] = [],
  options: readonly string[] | 'all' = [],
): FilledLetter {
  const data = appealLetterData(ctx.db, choice.denial.claimId, ctx.userId);
  if (!data) throw notFound('The claim');
  const known = choice.chosen.template.options.map((o) => o.id);
  if (options !== 'all') {
    options.forEach((id, i) => {
      if (!known.includes(id)) {
        throw invalid(
          `This letter has no optional argument "${id}"${known.length > 0 ? `; it has ${known.join(', ')}` : ''}.`,
          `options.${i}`,
        );
      }
    });
  }
  return fillTemplate(
    choice.chosen.template,
    { ...data, enclosures, options: options === 'all' ? known : options },
    { date: ctx.clock.today() },
  );
}

function describeBlock(template: Template, index: number): string {
  const block = template.body[index];
  if (!block) return `There is no block ${index} in this letter.`;
  if (block.type === 'block') {
    return `Block ${index} is the ${PLACEHOLDERS[block.key].caption.toLowerCase()} ${
      block.key === 'enclosures' ? 'list' : 'table'
    }, which is filled from the account; only paragraphs and headings can be edited.`;
  }
  return `Block ${index} is a bulleted list; only paragraphs and headings can be edited.`;
}

/** The filled letter with the representative's paragraph and heading edits applied. */
export function applyEdits(
  letter: FilledLetter,
  template: Template,
  edits: ParsedInputOf<'generateAppeal'>['edits'],
): FilledLetter {
  const byIndex = new Map<number, string>();
  edits.forEach((edit, i) => {
    const block = template.body[edit.index];
    if (!block || (block.type !== 'paragraph' && block.type !== 'heading')) {
      throw invalid(describeBlock(template, edit.index), `edits.${i}.index`);
    }
    if (byIndex.has(edit.index)) {
      throw invalid(`Block ${edit.index} is edited twice.`, `edits.${i}.index`);
    }
    byIndex.set(edit.index, edit.text);
  });
  const body = letter.body.map((block, index): FilledBlock => {
    const text = byIndex.get(index);
    const type = template.body[index]?.type;
    // an argument left unticked stays out, whatever text came with it
    return text !== undefined &&
      block.type !== 'omitted' &&
      (type === 'paragraph' || type === 'heading')
      ? { type, text }
      : block;
  });
  return { ...letter, body };
}
