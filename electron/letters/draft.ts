import type { ParsedInputOf } from '../../shared/api/contract';
import type { AppealDraft, DraftBlock } from '../../shared/api/letters';
import type { ReadCtx } from '../core/context';
import type { FilledLetter } from '../documents/fill';
import { PLACEHOLDERS } from '../documents/placeholders';
import type { Template } from '../documents/template';
import { templateSummaries } from '../templates/list';
import {
  DENIAL_LETTER_KINDS,
  chooseLetter,
  deadlineWarnings,
  fillLetter,
  isLateAppeal,
  paidWarnings,
} from './appeal-letter';

/**
 * Editability follows the template, not the data: a table with no data prints as a
 * placeholder line but is still a table the representative cannot retype.
 */
function draftBlocks(template: Template, letter: FilledLetter): DraftBlock[] {
  return template.body.map((block, index): DraftBlock => {
    const filled = letter.body[index];
    const option = block.option ?? null;
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        return {
          index,
          option,
          type: block.type,
          text: filled && 'text' in filled ? filled.text : block.text,
        };
      case 'list':
        return {
          index,
          option,
          type: 'list',
          items: filled?.type === 'list' ? [...filled.items] : [],
        };
      case 'block':
        return { index, option, type: 'table', caption: PLACEHOLDERS[block.key].caption };
    }
  });
}

/** The letter for a denial as it would print now, for the representative to review and edit. */
export async function draftAppeal(
  ctx: ReadCtx,
  input: ParsedInputOf<'draftAppeal'>,
): Promise<AppealDraft> {
  const choice = await chooseLetter(ctx, input.denialId, input.templateId);
  // warnings and fields as the letter prints by default (no optional argument), and the
  // text of every argument so the editor can show what ticking one adds
  const letter = fillLetter(ctx, choice);
  const everything = fillLetter(ctx, choice, [], 'all');
  const template = choice.chosen.template;
  const summaries = await templateSummaries(ctx.db);
  return {
    denialId: choice.denial.id,
    claimId: choice.denial.claimId,
    accountId: choice.denial.accountId,
    templateId: template.id,
    suggestedTemplateId: choice.suggested?.template.id ?? null,
    templates: summaries.filter((s) => DENIAL_LETTER_KINDS.includes(s.kind)),
    subject: letter.subject,
    recipient: [...letter.recipient],
    fields: letter.fields.map((f) => ({
      key: f.key,
      label: f.caption,
      value: f.value,
      required: f.required,
    })),
    blocks: draftBlocks(template, everything),
    options: template.options.map(({ id, label, hint }) => ({ id, label, hint })),
    suggestedEnclosures: [...template.suggestedEnclosures],
    warnings: [
      ...paidWarnings(ctx, choice.denial),
      ...deadlineWarnings(ctx, choice),
      ...letter.warnings,
    ],
    deadline: template.kind === 'corrected-claim' ? null : choice.denial.deadlineDate,
    late: isLateAppeal(ctx, choice),
  };
}
