import { z } from 'zod';
import type { CodeKind } from '../codes/code-list';
import type { IsoDate } from '../dates/iso-date';
import { isoDateField, none, requiredText } from './fields';
import { read, supervisor, write, type MethodGroup } from './method';

/**
 * The code tables a remittance is explained by: the reason (CARC) and remark (RARC) codes
 * ClaimDesk ships, the published lists a supervisor loads over them, and the codes seen
 * in remittances that neither holds.
 */

export const CODE_KINDS = ['reason', 'remark'] as const satisfies readonly CodeKind[];

/** A published list is a few thousand rows; a megabyte is far more than any. */
export const MAX_CODE_LIST_CHARACTERS = 2_000_000;

export const codeListFileInput = z.strictObject({
  kind: z.enum(CODE_KINDS, { error: 'Say which list this is: reason codes or remark codes.' }),
  /** The date the list was published (X12 and WPC date each release). */
  published: isoDateField('The date the list was published'),
  fileName: requiredText('File name', 260),
  text: z
    .string({ error: 'The file content is missing.' })
    .min(1, 'The file is empty.')
    .max(MAX_CODE_LIST_CHARACTERS, 'The file is larger than 2 MB; a code list is far smaller.'),
});

export interface CodeListLoadView {
  id: number;
  kind: CodeKind;
  published: IsoDate;
  fileName: string;
  codeCount: number;
  added: number;
  changed: number;
  stopped: number;
  loadedAt: string;
  byName: string;
}

export interface CodeListSummary {
  kind: CodeKind;
  label: string;
  /** Codes in effect: the shipped ones and every loaded one. */
  inEffect: number;
  /** Of those, how many came from a loaded list (and so read as it says). */
  loaded: number;
  /** The list in effect, or null while only the codes ClaimDesk ships are known. */
  latest: CodeListLoadView | null;
}

export interface CodeListsView {
  lists: CodeListSummary[];
  /** Every load, newest first. */
  history: CodeListLoadView[];
  canLoad: boolean;
}

export interface CodeListPreview {
  kind: CodeKind;
  published: IsoDate;
  fileName: string;
  /** Why the file cannot be loaded; when not empty, nothing else here counts. */
  problems: string[];
  codeCount: number;
  added: number;
  changed: number;
  stopped: number;
  unchanged: number;
  /** Codes in effect the file does not list; they are kept. */
  notInFile: number;
  /** A few codes of each change, to look at before loading. */
  samples: { added: string[]; changed: string[]; stopped: string[] };
  /** Reason codes the denial category rules leave as "other" (none for a remark list). */
  uncategorized: string[];
  /** The same file was loaded before: loading it again changes nothing. */
  alreadyLoaded: { loadedAt: string; byName: string } | null;
  /** A list published later is already loaded; an older one is refused. */
  newerLoaded: { published: IsoDate } | null;
}

export interface CodeListLoadResult {
  /** False when the file changed nothing (the same file, or the same codes). */
  loaded: boolean;
  message: string;
  lists: CodeListsView;
}

export interface UnknownCodeView {
  kind: CodeKind;
  code: string;
  firstSeenAt: string;
  /** Where: the file and remittance it was first seen in. */
  firstSeenIn: string;
  lastSeenAt: string;
  timesSeen: number;
}

export const codesMethods = {
  getCodeLists: read<CodeListsView>()(none),
  previewCodeList: read<CodeListPreview>()(codeListFileInput),
  loadCodeList: write<CodeListLoadResult>()(
    codeListFileInput,
    supervisor('load a published code list'),
  ),
  listUnknownCodes: read<UnknownCodeView[]>()(none),
} satisfies MethodGroup;
