import type { IsoDate } from '../../shared/dates/iso-date';
import type { StatementData } from './statement-data';
import type { Template } from './template';

/**
 * What the statement run's render workers are told and answer. Workers get plain data and
 * hand back bytes: the database, the files, the filing and the print file stay on the main
 * thread.
 */
export interface WorkerSetup {
  readonly date: IsoDate;
  readonly template: Template;
}

export type ToWorker =
  /** Start a run (a worker is kept for the next run). */
  | ({ readonly type: 'open' } & WorkerSetup)
  /** Render the statement as its own PDF (the copy filed on its accounts). */
  | { readonly type: 'copy'; readonly seq: number; readonly data: StatementData };

export type FromWorker =
  | {
      readonly type: 'copy';
      readonly seq: number;
      readonly pdf: Uint8Array;
      readonly pageCount: number;
      readonly warnings: readonly string[];
    }
  | { readonly type: 'failed'; readonly seq: number; readonly message: string };
