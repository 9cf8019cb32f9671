import { z } from 'zod';
import { documentInput, type DocumentView, type PdfFile } from './documents';
import { denialIdField, requiredText } from './fields';
import { read, write, type MethodGroup } from './method';
import { templateIdField, type TemplateSummary } from './templates';

/** Appeal letters drafted from a denial, previewed, then generated and filed. */

/** A placeholder the letter uses and what it got; value null = no data, printed as [LABEL]. */
export interface DraftField {
  key: string;
  label: string;
  value: string | null;
  required: boolean;
}

/**
 * A body block; paragraphs and headings can be edited before generating. `option` names
 * the optional argument a block belongs to (null: it always prints).
 */
export type DraftBlock = { index: number; option: string | null } & (
  | { type: 'paragraph' | 'heading'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'table'; caption: string }
);

/** An argument that asserts a fact the data cannot show; off until the representative ticks it. */
export interface DraftOption {
  id: string;
  label: string;
  /** When it applies, in one line. */
  hint: string;
}

export interface AppealDraft {
  denialId: number;
  claimId: number;
  accountId: number;
  /** The template chosen for the denial's category and level, unless the caller chose one. */
  templateId: string;
  suggestedTemplateId: string | null;
  /** Templates a representative may choose instead (appeal letters, corrected claim...). */
  templates: TemplateSummary[];
  subject: string;
  recipient: string[];
  fields: DraftField[];
  blocks: DraftBlock[];
  options: DraftOption[];
  suggestedEnclosures: string[];
  warnings: string[];
  /** The appeal deadline; null for a letter that is not an appeal. */
  deadline: string | null;
  /**
   * Dated after the deadline: the letter says so and asks for good cause, and generating
   * needs confirmLate.
   */
  late: boolean;
}

export const draftAppealInput = z.strictObject({
  denialId: denialIdField(),
  templateId: templateIdField.nullish(),
});

/** The letter as the representative finished it: edited blocks and chosen enclosures. */
export const appealLetterInput = z.strictObject({
  denialId: denialIdField(),
  templateId: templateIdField,
  edits: z
    .array(
      z.strictObject({
        index: z.number().int().min(0).max(500),
        text: requiredText('Paragraph text', 4000),
      }),
    )
    .max(200)
    .default([]),
  enclosures: z.array(requiredText('Enclosure', 200)).max(30).default([]),
  /** Optional arguments ticked (ids from the draft's options); the rest do not print. */
  options: z.array(requiredText('Optional argument', 80)).max(30).default([]),
  /** The representative's yes to sending an appeal after its deadline; refused without it. */
  confirmLate: z.boolean().default(false),
});

/** A filed letter laid out again from the facts kept with it, beside the filed file's fingerprint. */
export interface ReproducedLetter extends PdfFile {
  /** SHA-256 (hex) of the reproduced bytes. */
  sha256: string;
  /** SHA-256 recorded when the letter was filed. */
  filedSha256: string;
  /** The reproduction is byte for byte the letter that was filed. */
  identical: boolean;
}

export const lettersMethods = {
  draftAppeal: read<AppealDraft>()(draftAppealInput),
  previewAppeal: read<PdfFile>()(appealLetterInput),
  generateAppeal: write<DocumentView>()(appealLetterInput),
  reproduceLetter: read<ReproducedLetter>()(documentInput),
} satisfies MethodGroup;
