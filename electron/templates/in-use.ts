import type { Db, ReadDb } from '../db/open';
import type { Template } from '../documents/template';
import { shippedStatementTemplate } from '../documents/template-load';
import { shippedTemplates } from './shipped';
import { copiesInUse } from './store';
import { validateCopy } from './validate';

/** The version of a template that letters and statements use, and the copy it came from. */
export interface TemplateInUse {
  readonly template: Template;
  /** Null when the shipped text is in use. */
  readonly copyId: number | null;
}

/**
 * A copy is validated before it goes in use and cannot be saved with errors while in use.
 * Should a later release make it invalid anyway (a placeholder retired), the shipped text
 * is used rather than refusing every letter of that kind.
 */
function resolve(shipped: Template, copy: { id: number; text: string } | undefined): TemplateInUse {
  if (!copy) return { template: shipped, copyId: null };
  const checked = validateCopy(copy.text, shipped);
  return checked.template
    ? { template: checked.template, copyId: copy.id }
    : { template: shipped, copyId: null };
}

export async function templatesInUse(db: ReadDb): Promise<TemplateInUse[]> {
  const shipped = await shippedTemplates();
  const copies = copiesInUse(db);
  return [...shipped.values()].map((s) => resolve(s.template, copies.get(s.template.id)));
}

/** The statement wording in use; synchronous, for the statement renderers. */
export function statementTemplateInUse(db: Db): TemplateInUse {
  const shipped = shippedStatementTemplate();
  return resolve(shipped, copiesInUse(db).get(shipped.id));
}
