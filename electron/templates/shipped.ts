import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { shippedTemplatesDir } from '../documents/paths';
import type { Template } from '../documents/template';
import { loadShippedTemplates } from '../documents/template-load';

/** A template as it ships in templates/: parsed, and the text a supervisor copies. */
export interface ShippedTemplate {
  readonly template: Template;
  readonly text: string;
}

let shipped: Promise<ReadonlyMap<string, ShippedTemplate>> | null = null;

async function load(): Promise<ReadonlyMap<string, ShippedTemplate>> {
  const templates = await loadShippedTemplates();
  const out = new Map<string, ShippedTemplate>();
  for (const template of templates) {
    const text = await readFile(path.join(shippedTemplatesDir(), `${template.id}.txt`), 'utf8');
    out.set(template.id, { template, text });
  }
  return out;
}

/** The shipped templates by id, read once: they change only with a new release. */
export function shippedTemplates(): Promise<ReadonlyMap<string, ShippedTemplate>> {
  shipped ??= load().catch((error: unknown) => {
    shipped = null;
    throw error;
  });
  return shipped;
}
