import type { ParsedInputOf } from '../../shared/api/contract';
import type { TemplateSource, TemplateSummary } from '../../shared/api/templates';
import { conflict, invalid } from '../../shared/api/errors';
import type { Ctx } from '../core/context';
import { inWriteTransaction } from '../upkeep/upkeep';
import { copySource, requireShipped, templateSummaries } from './list';
import { loadCopy } from './store';
import { firstProblem, validateCopy } from './validate';
import { run } from '../db/query';

/**
 * Supervisors edit copies of the shipped templates; the files in templates/ are never
 * written. A copy with errors may be saved while it is a draft, never while it is in use.
 */
export async function copyTemplate(
  ctx: Ctx,
  input: ParsedInputOf<'copyTemplate'>,
): Promise<TemplateSource> {
  const shipped = await requireShipped(input.templateId);
  const now = ctx.clock.now();
  const id = inWriteTransaction(ctx, () =>
    Number(
      run(
        ctx.db,
        `INSERT INTO template_copies (template_id, name, text, valid, created_at, created_by,
           updated_at, updated_by) VALUES (?, ?, ?, 1, ?, ?, ?, ?)`,
        input.templateId,
        input.name,
        shipped.text,
        now,
        ctx.userId,
        now,
        ctx.userId,
      ).lastInsertRowid,
    ),
  );
  return copySource(ctx, loadCopy(ctx.db, id), shipped);
}

export async function saveTemplateCopy(
  ctx: Ctx,
  input: ParsedInputOf<'saveTemplateCopy'>,
): Promise<TemplateSource> {
  const copy = loadCopy(ctx.db, input.copyId);
  const shipped = await requireShipped(copy.templateId);
  const { errors } = validateCopy(input.text, shipped.template);
  return inWriteTransaction(ctx, () => {
    // read again inside the transaction: it may have been put in use meanwhile
    if (loadCopy(ctx.db, copy.id).inUse === 1 && errors.length > 0) {
      throw conflict(
        `"${copy.name}" is in use, so it cannot be saved with errors: ${firstProblem(errors)}. Fix the text, or put another version in use first.`,
      );
    }
    run(
      ctx.db,
      `UPDATE template_copies SET text = ?, valid = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
      input.text,
      errors.length === 0 ? 1 : 0,
      ctx.clock.now(),
      ctx.userId,
      copy.id,
    );
    return copySource(ctx, loadCopy(ctx.db, copy.id), shipped);
  });
}

/** Makes a copy (or, with no copy, the shipped text) the version letters and statements use. */
export async function setTemplateInUse(
  ctx: Ctx,
  input: ParsedInputOf<'setTemplateInUse'>,
): Promise<TemplateSummary[]> {
  const shipped = await requireShipped(input.templateId);
  const { copyId } = input;
  inWriteTransaction(ctx, () => {
    if (copyId === null) {
      run(ctx.db, `DELETE FROM template_in_use WHERE template_id = ?`, input.templateId);
      return;
    }
    const copy = loadCopy(ctx.db, copyId);
    if (copy.templateId !== input.templateId) {
      throw invalid('That copy belongs to another template.', 'copyId');
    }
    // validated again: the stored flag is from the last save, the rules are today's
    const { errors } = validateCopy(copy.text, shipped.template);
    if (errors.length > 0) {
      throw conflict(
        `"${copy.name}" cannot be put in use until its errors are fixed: ${firstProblem(errors)}.`,
      );
    }
    run(
      ctx.db,
      `INSERT INTO template_in_use (template_id, copy_id, set_at, set_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (template_id) DO UPDATE SET copy_id = excluded.copy_id,
           set_at = excluded.set_at, set_by = excluded.set_by`,
      input.templateId,
      copyId,
      ctx.clock.now(),
      ctx.userId,
    );
  });
  return templateSummaries(ctx.db);
}
