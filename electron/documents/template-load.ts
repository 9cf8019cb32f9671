import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { shippedTemplatesDir } from './paths';
import type { Template, TemplateError } from './template';
import { parseTemplate } from './template-parse';

export interface TemplateFileProblem {
  readonly file: string;
  readonly errors: readonly TemplateError[];
}

/** A shipped template that does not parse is a defect of the release, reported in full. */
export class TemplateLoadError extends Error {
  constructor(readonly problems: readonly TemplateFileProblem[]) {
    super(
      problems
        .flatMap((p) => p.errors.map((e) => `${p.file} line ${e.line}: ${e.message}`))
        .join('\n'),
    );
    this.name = 'TemplateLoadError';
  }
}

const TEMPLATE_FILE = /\.txt$/;

function parseFile(file: string, text: string): Template | TemplateFileProblem {
  const result = parseTemplate(text);
  if (!result.ok) return { file, errors: result.errors };
  const stem = basename(file).replace(TEMPLATE_FILE, '');
  if (result.template.id !== stem) {
    return {
      file,
      errors: [
        { line: 1, message: `id "${result.template.id}" must match the file name "${stem}".` },
      ],
    };
  }
  return result.template;
}

/**
 * Reads every `*.txt` template in the folder (the shipped templates/ folder unless told
 * otherwise), sorted by id so the order never depends on the file system.
 */
export async function loadShippedTemplates(dir = shippedTemplatesDir()): Promise<Template[]> {
  const names = (await readdir(dir)).filter((n) => TEMPLATE_FILE.test(n)).sort();
  const templates: Template[] = [];
  const problems: TemplateFileProblem[] = [];
  for (const name of names) {
    const parsed = parseFile(name, await readFile(join(dir, name), 'utf8'));
    if ('errors' in parsed) problems.push(parsed);
    else templates.push(parsed);
  }
  if (problems.length > 0) throw new TemplateLoadError(problems);
  return templates.sort((a, b) => a.id.localeCompare(b.id));
}

let statementTemplate: Template | null = null;

/** The shipped statement wording, read once; statement runs need it synchronously. */
export function shippedStatementTemplate(): Template {
  if (!statementTemplate) {
    const file = 'patient-statement.txt';
    const parsed = parseFile(file, readFileSync(join(shippedTemplatesDir(), file), 'utf8'));
    if ('errors' in parsed) throw new TemplateLoadError([parsed]);
    statementTemplate = parsed;
  }
  return statementTemplate;
}
