import type { IsoDate } from '../../shared/dates/iso-date';
import type { BatchEntry } from './statement-batch';
import type { StatementData } from './statement-data';
import type { Template } from './template';

/**
 * What the statement run's render workers are told and answer. Workers get plain data and
 * hand back bytes: the database, the files and the filing stay on the main thread.
 */
export interface WorkerSetup {
  readonly date: IsoDate;
  readonly template: Template;
  /** This worker also draws the combined print file, in the order statements are sent. */
  readonly prints: boolean;
}

export type ToWorker =
  /** Start a run: forget any print file of a run before (a worker is kept for the next run). */
  | ({ readonly type: 'open' } & WorkerSetup)
  /** Render the statement as its own PDF (the copy filed on its accounts). */
  | { readonly type: 'copy'; readonly seq: number; readonly data: StatementData }
  /** Draw the statement into the combined print file, after the ones sent before it. */
  | { readonly type: 'print'; readonly data: StatementData }
  /** End the combined print file and send it. */
  | { readonly type: 'finish' };

export type FromWorker =
  | {
      readonly type: 'copy';
      readonly seq: number;
      readonly pdf: Uint8Array;
      readonly pageCount: number;
      readonly warnings: readonly string[];
    }
  /** A statement is drawn into the print file: how the pool knows the printer's backlog. */
  | { readonly type: 'drawn' }
  | {
      readonly type: 'printed';
      readonly pdf: Uint8Array;
      readonly pageCount: number;
      readonly statements: readonly BatchEntry[];
    }
  | { readonly type: 'failed'; readonly seq: number | null; readonly message: string };
