import { z } from 'zod';
import { labelled } from '../codes/enums';
import type { IsoDate } from '../dates/iso-date';
import { accountIdField, id, isoDateField } from './fields';
import { read, write, type MethodGroup } from './method';

/**
 * Scanned correspondence filed on accounts: letters from payers and patients, returned
 * envelopes, legal papers; one at a time on an account, or a folder whose file names carry
 * the account numbers. The window reads each file it was given (dropped or picked) and
 * sends its bytes; the main process never opens a path the window names.
 */
export const CORRESPONDENCE_TYPE = labelled([
  ['payer', 'Payer correspondence'],
  ['patient', 'Patient letter'],
  ['returned_mail', 'Returned mail'],
  ['legal', 'Legal'],
] as const);
export type CorrespondenceType = (typeof CORRESPONDENCE_TYPE.keys)[number];

export type CorrespondenceMedia = 'pdf' | 'png' | 'jpeg' | 'tiff';

/** The largest scan filed: a many-page letter scanned at 300 dpi fits well under it. */
export const MAX_SCAN_BYTES = 15 * 1024 * 1024;
/** A folder imported in one go; a larger one goes in parts. */
export const MAX_FOLDER_FILES = 200;
export const MAX_FOLDER_BYTES = 150 * 1024 * 1024;

const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;

/**
 * One file as the window read it. A file over the limit is sent with its size and no
 * content, so it can be named and refused on its own row without crossing whole.
 */
export const scannedFileInput = z.strictObject({
  fileName: z
    .string({ error: 'The file name is required.' })
    .trim()
    .min(1, 'The file name is required.')
    .max(255, 'The file name must be at most 255 characters.'),
  size: z
    .number({ error: 'The file size must be a number.' })
    .int('The file size must be a whole number.')
    .min(0, 'The file size cannot be negative.'),
  dataBase64: z
    .string()
    .max(base64Length(MAX_SCAN_BYTES), 'The file is larger than the 15 MB a scan may be.')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file content is not base64.'),
});
export type ScannedFile = z.output<typeof scannedFileInput>;

export const fileCorrespondenceInput = z.strictObject({
  accountId: accountIdField(),
  type: z.enum(CORRESPONDENCE_TYPE.keys, 'Choose what kind of correspondence this is.'),
  receivedDate: isoDateField('Date received'),
  file: scannedFileInput,
});

export const correspondenceFolderInput = z.strictObject({
  type: z.enum(CORRESPONDENCE_TYPE.keys, 'Choose what kind of correspondence this is.'),
  receivedDate: isoDateField('Date received'),
  files: z
    .array(scannedFileInput)
    .min(1, 'The folder has no files.')
    .max(
      MAX_FOLDER_FILES,
      `A folder may hold at most ${MAX_FOLDER_FILES} files; import it in parts.`,
    )
    .refine(
      (files) =>
        files.reduce((s, f) => s + f.dataBase64.length, 0) <= base64Length(MAX_FOLDER_BYTES),
      'The folder holds more than 150 MB; import it in parts.',
    ),
});

export const accountCorrespondenceInput = z.strictObject({ accountId: accountIdField() });
export const correspondenceInput = z.strictObject({ correspondenceId: id('Correspondence') });

export interface CorrespondenceView {
  correspondenceId: number;
  accountId: number;
  type: CorrespondenceType;
  /** The name the file came in under; the marker once the person is de-identified. */
  originalName: string;
  media: CorrespondenceMedia;
  receivedDate: IsoDate;
  bytes: number;
  sha256: string;
  createdAt: string;
  createdBy: string;
  /** When the file was deleted from disk at de-identification; null while it is kept. */
  removedAt: string | null;
}

export interface CorrespondenceFiled {
  correspondence: CorrespondenceView;
  /** The same file was already filed on this account: nothing new was filed. */
  alreadyFiled: boolean;
  accountId: number;
  message: string;
}

/** One file of a folder: where it goes, or why it cannot be filed. */
export interface CorrespondenceFolderRow {
  fileName: string;
  accountNumber: string | null;
  accountId: number | null;
  media: CorrespondenceMedia | null;
  bytes: number;
  /** Already filed on that account: importing it again files nothing. */
  alreadyFiled: boolean;
  problem: string | null;
}

export interface CorrespondenceFolderPreview {
  rows: CorrespondenceFolderRow[];
  toFile: number;
  alreadyFiled: number;
  problems: number;
}

export interface CorrespondenceFolderResult {
  filed: number;
  alreadyFiled: number;
  accountIds: number[];
  message: string;
}

/** A filed scan's bytes, exactly as filed, to show or save. */
export interface CorrespondenceFile {
  fileName: string;
  media: CorrespondenceMedia;
  dataBase64: string;
}

export const correspondenceMethods = {
  fileCorrespondence: write<CorrespondenceFiled>()(fileCorrespondenceInput),
  previewCorrespondenceFolder: read<CorrespondenceFolderPreview>()(correspondenceFolderInput),
  importCorrespondenceFolder: write<CorrespondenceFolderResult>()(correspondenceFolderInput),
  listAccountCorrespondence: read<CorrespondenceView[]>()(accountCorrespondenceInput),
  getCorrespondenceFile: read<CorrespondenceFile>()(correspondenceInput),
} satisfies MethodGroup;
