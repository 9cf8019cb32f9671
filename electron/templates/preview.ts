import type { ParsedInputOf } from '../../shared/api/contract';
import type { TemplatePreview } from '../../shared/api/templates';
import type { ReadCtx } from '../core/context';
import { renderLetter } from '../documents/letter-layout';
import { sampleLetterData, sampleStatementData } from '../documents/sample-data';
import { renderStatement } from '../documents/statement-layout';
import { pdfFile } from '../filing/pdf-file';
import { saveAsName } from '../filing/location';
import { requireShipped } from './list';
import { validateCopy } from './validate';

/** The live preview of a template being edited: its errors, or the PDF on sample data. */
export async function previewTemplate(
  ctx: ReadCtx,
  input: ParsedInputOf<'previewTemplate'>,
): Promise<TemplatePreview> {
  const shipped = await requireShipped(input.templateId);
  const { template, errors } = validateCopy(input.text, shipped.template);
  if (!template) return { errors, pdf: null };
  const date = ctx.clock.today();
  const rendered =
    template.kind === 'statement'
      ? await renderStatement(sampleStatementData(), { template })
      : await renderLetter(template, sampleLetterData(), { date });
  return {
    errors: [],
    pdf: pdfFile(
      saveAsName(`${template.id}-preview`, null, date),
      rendered.pdf,
      rendered.pageCount,
      rendered.warnings,
    ),
  };
}
