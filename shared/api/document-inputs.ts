import { z } from 'zod';
import { AGING_BUCKET_KEYS } from '../aging/buckets';
import { cents } from '../money/cents';
import { centsField, id, isoDateField, optionalText, requiredText } from './fields';

/** Input schemas for templates, appeal letters, statements and filed documents. */

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

export const draftAppealInput = z.strictObject({
  denialId: id('Denial'),
  templateId: templateIdField.nullish(),
});

/** The letter as the representative finished it: edited blocks and chosen enclosures. */
export const appealLetterInput = z.strictObject({
  denialId: id('Denial'),
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
});

export const markDocumentSentInput = z.strictObject({
  documentId: id('Document'),
  sentDate: isoDateField('Sent date'),
  note: optionalText('Note', 1000),
});

export const accountDocumentsInput = z.strictObject({ accountId: id('Account') });

export const documentInput = z.strictObject({ documentId: id('Document') });

export const generateStatementInput = z.strictObject({ accountId: id('Account') });

export const statementCandidatesInput = z.strictObject({
  minPatientBalance: centsField('Minimum patient balance')
    .refine((v) => v >= 0, 'Minimum patient balance cannot be negative.')
    .default(cents(0)),
  agingBucket: z.enum(AGING_BUCKET_KEYS, 'Unknown aging bucket.').nullish(),
  /** Leave out accounts that had a statement within this many days. */
  notStatedWithinDays: z.number().int().min(0).max(365).default(25),
  limit: z.number().int().min(1).max(5000).default(1000),
});

export const startStatementRunInput = z.strictObject({
  accountIds: z
    .array(id('Account'))
    .min(1, 'Choose at least one account.')
    .max(5000, 'A run takes at most 5,000 accounts; split the selection.'),
});
