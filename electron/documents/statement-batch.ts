import type { IsoDate } from '../../shared/dates/iso-date';
import { createDocument } from './pdf-doc';
import type { StatementData } from './statement-data';
import { STATEMENT_MARGINS, drawStatement } from './statement-layout';
import type { Template } from './template';
import { shippedStatementTemplate } from './template-load';

export interface BatchEntry {
  readonly accountNumber: string;
  /** First page of this statement in the combined file, counted from 1. */
  readonly firstPage: number;
  readonly pageCount: number;
  readonly warnings: readonly string[];
}

export interface BatchResult {
  readonly pdf: Buffer;
  readonly pageCount: number;
  readonly statements: readonly BatchEntry[];
}

/**
 * A combined file being drawn one statement at a time. A statement run no longer draws its
 * print file this way (it combines the filed copies); the bench measures the run against it.
 */
export interface StatementBatch {
  /** Draws the next statement, starting on a new page. */
  add(data: StatementData): BatchEntry;
  /** Ends the file; nothing may be added afterwards. */
  finish(): Promise<BatchResult>;
  /** Drops the file unfinished. */
  abort(): void;
}

/**
 * Opens one PDF for a statement cycle. Each statement starts on a new page and is
 * numbered on its own ("Page 1 of 2"). Finished pages are flushed as soon as they are
 * numbered, so memory stays flat over a thousand accounts.
 */
export function openStatementBatch(options: {
  /** Run date: pins the file's timestamps so a rerun gives the same bytes. */
  readonly date: IsoDate;
  readonly template?: Template;
}): StatementBatch {
  const template = options.template ?? shippedStatementTemplate();
  const { doc, done } = createDocument({
    date: options.date,
    title: 'Patient statements',
    margins: STATEMENT_MARGINS,
  });
  const statements: BatchEntry[] = [];
  let pages = 0;
  let open = true;
  const requireOpen = () => {
    if (!open) throw new Error('the statement batch is already finished');
  };
  return {
    add(data) {
      requireOpen();
      const { pageCount, warnings } = drawStatement(doc, data, template);
      const entry = {
        accountNumber: data.accountNumber,
        firstPage: pages + 1,
        pageCount,
        warnings,
      };
      statements.push(entry);
      pages += pageCount;
      doc.flushPages();
      return entry;
    },
    async finish() {
      requireOpen();
      if (statements.length === 0)
        throw new RangeError('A statement run needs at least one statement.');
      open = false;
      doc.end();
      return { pdf: await done, pageCount: pages, statements };
    },
    abort() {
      if (!open) return;
      open = false;
      done.catch(() => undefined);
      doc.destroy();
    },
  };
}
