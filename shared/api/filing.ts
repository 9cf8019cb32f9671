import { z } from 'zod';

/**
 * A file the scan at open found with no document and moved aside: a PDF a crash left
 * before its row was written ('unrecorded'), or a staged file of a process that ended
 * before filing it ('staged'). Either may hold patient data, so it is kept, not deleted.
 */
export interface SetAsideFile {
  /** Relative to the set-aside folder, with '/' between folders. */
  path: string;
  /** When the scan moved it (ISO-8601 UTC), from the folder it was moved into. */
  setAsideAt: string | null;
  why: 'unrecorded' | 'staged';
  bytes: number;
}

export interface SetAsideDocumentsView {
  /** The set-aside folder on this computer, for a supervisor to open. */
  folder: string;
  /** Every file set aside; `files` lists the newest of them. */
  total: number;
  files: SetAsideFile[];
  /** Whether this user may look after them (supervisors only). */
  canReview: boolean;
}

export const listSetAsideDocumentsInput = z.strictObject({});
