import type { ParsedInputOf } from '../../shared/api/contract';
import type {
  TemplateCopySummary,
  TemplateKindName,
  TemplateSource,
  TemplateSummary,
} from '../../shared/api/templates';
import { invalid, notFound } from '../../shared/api/errors';
import type { ReadCtx } from '../core/context';
import type { ReadDb } from '../db/open';
import { isSupervisor } from '../users/users';
import { templatesInUse } from './in-use';
import { shippedTemplates, type ShippedTemplate } from './shipped';
import { allCopies, loadCopy, type CopyRow } from './store';
import { validateCopy } from './validate';
import { one } from '../db/query';

export async function requireShipped(templateId: string): Promise<ShippedTemplate> {
  const shipped = (await shippedTemplates()).get(templateId);
  if (!shipped) throw notFound('The template');
  return shipped;
}

function copySummary(c: CopyRow): TemplateCopySummary {
  return {
    copyId: c.id,
    templateId: c.templateId,
    name: c.name,
    valid: c.valid === 1,
    inUse: c.inUse === 1,
    updatedAt: c.updatedAt,
    updatedBy: c.updatedBy,
  };
}

/** Every template (or those of one kind) as it is in use, with its copies. */
export async function templateSummaries(
  db: ReadDb,
  kind?: TemplateKindName | null,
): Promise<TemplateSummary[]> {
  const copies = allCopies(db);
  return (await templatesInUse(db))
    .filter((t) => !kind || t.template.kind === kind)
    .map(({ template, copyId }) => ({
      templateId: template.id,
      kind: template.kind,
      title: template.title,
      description: template.description,
      categories: [...template.categories],
      level: template.level,
      copyInUse: copyId,
      copies: copies.filter((c) => c.templateId === template.id).map(copySummary),
    }));
}

export function listTemplates(
  ctx: ReadCtx,
  input: ParsedInputOf<'listTemplates'>,
): Promise<TemplateSummary[]> {
  return templateSummaries(ctx.db, input.kind);
}

export function copySource(ctx: ReadCtx, c: CopyRow, shipped: ShippedTemplate): TemplateSource {
  return {
    templateId: c.templateId,
    copyId: c.id,
    name: c.name,
    text: c.text,
    errors: validateCopy(c.text, shipped.template).errors,
    editable: true,
    inUse: c.inUse === 1,
    canChange: isSupervisor(ctx.db, ctx.userId),
  };
}

/** The shipped text (read-only) or one copy's text with its validation errors. */
export async function getTemplateSource(
  ctx: ReadCtx,
  input: ParsedInputOf<'getTemplateSource'>,
): Promise<TemplateSource> {
  const shipped = await requireShipped(input.templateId);
  if (input.copyId) {
    const copy = loadCopy(ctx.db, input.copyId);
    if (copy.templateId !== input.templateId) {
      throw invalid('That copy belongs to another template.', 'copyId');
    }
    return copySource(ctx, copy, shipped);
  }
  const copyInUse = one(
    ctx.db,
    `SELECT 1 FROM template_in_use WHERE template_id = ?`,
    input.templateId,
  );
  return {
    templateId: shipped.template.id,
    copyId: null,
    name: shipped.template.title,
    text: shipped.text,
    errors: [],
    editable: false,
    inUse: copyInUse === undefined,
    canChange: isSupervisor(ctx.db, ctx.userId),
  };
}
