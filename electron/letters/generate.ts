import type { ParsedInputOf } from '../../shared/api/contract';
import type { DocumentView, PdfFile } from '../../shared/api/documents';
import { formatUsDate } from '../../shared/dates/iso-date';
import type { Ctx, ReadCtx } from '../core/context';
import { recordActivity } from '../activities/record';
import { moveDenial } from '../denials/update';
import type { FilledLetter } from '../documents/fill';
import { renderFilledLetter, type RenderedDocument } from '../documents/letter-layout';
import { documentView } from '../filing/list';
import { saveAsName } from '../filing/location';
import { pdfFile } from '../filing/pdf-file';
import { fileDocument } from '../filing/store';
import {
  applyEdits,
  chooseLetter,
  deadlineWarnings,
  denialFacts,
  fillLetter,
  paidWarnings,
  requireLateConfirmed,
  requireNotPaidInFull,
  requireUnresolved,
  type AppealChoice,
} from './appeal-letter';
import { keepLetterFacts } from './facts';

type Input = ParsedInputOf<'generateAppeal'>;

async function render(
  ctx: ReadCtx,
  input: Input,
): Promise<{ choice: AppealChoice; letter: FilledLetter; rendered: RenderedDocument }> {
  const choice = await chooseLetter(ctx, input.denialId, input.templateId);
  const template = choice.chosen.template;
  const letter = applyEdits(
    fillLetter(ctx, choice, input.enclosures, input.options),
    template,
    input.edits,
  );
  const rendered = await renderFilledLetter(letter);
  return {
    choice,
    letter,
    rendered: {
      ...rendered,
      warnings: [
        ...paidWarnings(ctx, choice.denial),
        ...deadlineWarnings(ctx, choice),
        ...rendered.warnings,
      ],
    },
  };
}

/** The letter as it will print, edits and enclosures included; nothing is filed. */
export async function previewAppeal(ctx: ReadCtx, input: Input): Promise<PdfFile> {
  const { choice, rendered } = await render(ctx, input);
  return pdfFile(
    saveAsName(choice.chosen.template.id, choice.denial.accountNumber, ctx.clock.today()),
    rendered.pdf,
    rendered.pageCount,
    rendered.warnings,
  );
}

/**
 * Files the letter on the account, records it in the account's history and moves a new
 * or in-review denial to "appeal drafted", all in one transaction after rendering.
 */
export async function generateAppeal(ctx: Ctx, input: Input): Promise<DocumentView> {
  const facts = denialFacts(ctx, input.denialId);
  requireNotPaidInFull(ctx, facts);
  requireUnresolved(facts);
  const { choice, letter, rendered } = await render(ctx, input);
  requireLateConfirmed(ctx, choice, input.confirmLate);
  const { template, copyId } = choice.chosen;
  const isAppeal = template.kind !== 'corrected-claim';
  const today = ctx.clock.today();
  return fileDocument(
    ctx,
    {
      kind: isAppeal ? 'appeal' : 'letter',
      title: template.title,
      accountId: choice.denial.accountId,
      claimId: choice.denial.claimId,
      denialId: choice.denial.id,
      templateId: template.id,
      templateCopyId: copyId,
      documentDate: today,
      pages: rendered.pageCount,
      warnings: rendered.warnings,
    },
    rendered.pdf,
    (documentId) => {
      keepLetterFacts(ctx.db, documentId, letter);
      // the denial may have moved on while the letter rendered
      const denial = denialFacts(ctx, choice.denial.id);
      requireNotPaidInFull(ctx, denial);
      requireUnresolved(denial);
      const gaps = rendered.warnings.length;
      recordActivity(ctx, {
        accountId: denial.accountId,
        claimId: denial.claimId,
        kind: 'letter',
        direction: 'outbound',
        party: 'payer',
        text: `${isAppeal ? 'Appeal letter' : 'Letter'} generated for ${denial.payerName}: ${template.title}, dated ${formatUsDate(today)} (document ${documentId}, ${rendered.pageCount} ${rendered.pageCount === 1 ? 'page' : 'pages'}${gaps > 0 ? `, ${gaps} ${gaps === 1 ? 'field' : 'fields'} without data` : ''}).`,
      });
      if (isAppeal && (denial.state === 'new' || denial.state === 'in_review')) {
        moveDenial(ctx, { denialId: denial.id, state: 'appeal_drafted', note: null });
      }
      return documentView(ctx.db, documentId);
    },
  );
}
