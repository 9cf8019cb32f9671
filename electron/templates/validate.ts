import type { TemplateProblem } from '../../shared/api/templates';
import type { Template } from '../documents/template';
import { parseTemplate } from '../documents/template-parse';

export interface Validated {
  /** Null when the text has errors. */
  readonly template: Template | null;
  readonly errors: TemplateProblem[];
}

/** Line of a front-matter key, for an error about its value; the first line otherwise. */
function lineOfKey(text: string, key: string): number {
  const lines = text.split(/\r\n|\r|\n/);
  const index = lines.findIndex((l) => l.startsWith(`${key}:`));
  return index < 0 ? 1 : index + 1;
}

/**
 * Checks a supervisor's text for the template it stands in for: it must parse, and keep
 * the id, kind and level of the shipped template, since letters and statements look the
 * template up by those.
 */
export function validateCopy(text: string, shipped: Template): Validated {
  const parsed = parseTemplate(text);
  if (!parsed.ok) return { template: null, errors: parsed.errors.map((e) => ({ ...e })) };
  const t = parsed.template;
  const errors: TemplateProblem[] = [];
  if (t.id !== shipped.id) {
    errors.push({
      line: lineOfKey(text, 'id'),
      message: `id must stay "${shipped.id}": this text stands in for that template.`,
    });
  }
  if (t.kind !== shipped.kind) {
    errors.push({
      line: lineOfKey(text, 'kind'),
      message: `kind must stay "${shipped.kind}".`,
    });
  }
  if (t.level !== shipped.level) {
    errors.push({
      line: lineOfKey(text, 'level'),
      message:
        shipped.level === null
          ? 'This template has no level.'
          : `level must stay ${shipped.level}.`,
    });
  }
  return errors.length > 0 ? { template: null, errors } : { template: t, errors: [] };
}

/** "line 12: Unknown placeholder ..." for a refusal that names the first problem. */
export function firstProblem(errors: readonly TemplateProblem[]): string {
  const first = errors[0];
  if (!first) return '';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return `line ${first.line}: ${first.message}${more}`;
}
