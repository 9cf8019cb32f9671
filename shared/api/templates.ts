import { z } from 'zod';
import type { PdfFile } from './documents';
import { id, requiredText } from './fields';
import { read, supervisor, write, type MethodGroup } from './method';

/** Letter and statement templates: the shipped texts and a supervisor's copies of them. */

export type TemplateKindName =
  'appeal' | 'medicare-redetermination' | 'corrected-claim' | 'patient-letter' | 'statement';

/**
 * A template "slot" is a shipped template (its file name). The version in use for a slot
 * is the shipped text or one supervisor copy of it.
 */
export interface TemplateSummary {
  templateId: string;
  kind: TemplateKindName;
  title: string;
  description: string;
  /** Denial categories it fits, as the templates name them (medical-necessity...). */
  categories: string[];
  level: 1 | 2 | null;
  /** The copy in use for this slot, or null when the shipped text is in use. */
  copyInUse: number | null;
  copies: TemplateCopySummary[];
}

export interface TemplateCopySummary {
  copyId: number;
  templateId: string;
  name: string;
  valid: boolean;
  inUse: boolean;
  updatedAt: string;
  updatedBy: string;
}

export interface TemplateProblem {
  line: number;
  message: string;
}

export interface TemplateSource {
  templateId: string;
  copyId: number | null;
  name: string;
  text: string;
  /** Validation errors; a template with errors cannot be put in use. */
  errors: TemplateProblem[];
  /** Shipped texts are read-only; copies are edited. */
  editable: boolean;
  inUse: boolean;
  /** Whether this user may copy, edit and choose templates (supervisors only). */
  canChange: boolean;
}

export interface TemplatePreview {
  errors: TemplateProblem[];
  /** Null when the text has errors. */
  pdf: PdfFile | null;
}

/** Shipped template ids are their file names: lower-case words and digits joined by dashes. */
export const templateIdField = z
  .string({ error: 'Choose a template.' })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Unknown template.')
  .max(80, 'Unknown template.');

/** A template text a supervisor edits; generous for a letter, small enough for IPC. */
export const templateTextField = z
  .string({ error: 'The template text is missing.' })
  .min(1, 'The template text is empty.')
  .max(100_000, 'The template is longer than 100,000 characters.');

export const listTemplatesInput = z.strictObject({
  kind: z
    .enum(
      ['appeal', 'medicare-redetermination', 'corrected-claim', 'patient-letter', 'statement'],
      'Unknown template kind.',
    )
    .nullish(),
});

export const templateSourceInput = z.strictObject({
  templateId: templateIdField,
  copyId: id('Template copy').nullish(),
});

export const copyTemplateInput = z.strictObject({
  templateId: templateIdField,
  name: requiredText('Copy name', 80),
});

export const saveTemplateCopyInput = z.strictObject({
  copyId: id('Template copy'),
  text: templateTextField,
});

export const previewTemplateInput = z.strictObject({
  templateId: templateIdField,
  text: templateTextField,
});

export const setTemplateInUseInput = z.strictObject({
  templateId: templateIdField,
  /** null puts the shipped text back in use. */
  copyId: id('Template copy').nullable(),
});

export const templatesMethods = {
  listTemplates: read<TemplateSummary[]>()(listTemplatesInput),
  getTemplateSource: read<TemplateSource>()(templateSourceInput),
  copyTemplate: write<TemplateSource>()(copyTemplateInput, supervisor('copy a template')),
  saveTemplateCopy: write<TemplateSource>()(saveTemplateCopyInput, supervisor('edit a template')),
  previewTemplate: read<TemplatePreview>()(previewTemplateInput),
  setTemplateInUse: write<TemplateSummary[]>()(
    setTemplateInUseInput,
    supervisor('choose which template is in use'),
  ),
} satisfies MethodGroup;
