import { memo, useState } from 'react';
import type { QueueRow } from '../../../shared/api/queue';
import { queueColumns } from './columns';

/** Each column's cell as a row draws it: its class, alignment and content. */
const CELLS = queueColumns.map((c, i) => {
  const gridCell = c.meta?.gridCell;
  if (!gridCell) throw new Error(`The work queue column ${i} has no gridCell.`);
  return {
    key: i,
    className: `queue-cell queue-col-${i}${c.meta?.clip ? ' queue-clip' : ''}`,
    align: c.meta?.align,
    gridCell,
  };
});
/** The cell that shows another desk's mark on the row's account, before the patient's name. */
const WORKING_CELL = queueColumns.findIndex(
  (c) => 'accessorKey' in c && c.accessorKey === 'patientName',
);
/** Another desk's mark: the sentence is its name and its tooltip (a native title, as the cells'). */
function workingMarker(sentence: string) {
  return (
    <span
      className="queue-pill"
      data-tone="yellow"
      data-variant="light"
      data-upper
      data-small
      role="img"
      aria-label={sentence}
      title={sentence}
    >
      In use
    </span>
  );
}

export interface GridRowProps {
  index: number;
  /** offset from the top of the rows, below the sticky header */
  top: number;
  /** undefined while its page is loading */
  row: QueueRow | undefined;
  /** another desk has the row's account open: what to say about it */
  working: string | undefined;
  selected: boolean;
}

/** What a row's cells were last drawn with. */
interface Drawn {
  row: QueueRow;
  working: string | undefined;
}

/**
 * One row of the grid, in a slot of the screen that keeps it as rows scroll through. A
 * scroll changes which rows are on screen, not the rows that stay: they keep their drawing,
 * judged by the follow-up they show (a page keeps its row objects while it stays cached).
 * While its row's page is on its way the slot keeps the cells it drew last, hidden under a
 * grey bar: the new row then changes their text rather than making a row's dozen elements
 * again, and nothing is made or dropped for the wait.
 */
export const QueueGridRow = memo(function QueueGridRow({
  index,
  top,
  row,
  working,
  selected,
}: GridRowProps) {
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  // remembered in the render itself: React renders the row again before it commits
  if (row && (row !== drawn?.row || working !== drawn.working)) setDrawn({ row, working });
  const cells = row ? { row, working } : drawn;
  return (
    <div
      id={`queue-row-${index}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-selected={selected}
      data-index={index}
      aria-busy={row ? undefined : true}
      aria-label={row ? undefined : 'Loading row'}
      className="queue-row virtual-row queue-grid-row"
      style={{ transform: `translateY(${top}px)` }}
    >
      {cells && <QueueCells row={cells.row} working={cells.working} />}
    </div>
  );
});

/**
 * A row's cells: drawn once for the follow-up, whatever the selection does to the row.
 * A row waits for its text (its page on its way, or a few rows a frame: useFillPerFrame)
 * over the cells its slot drew last, hidden; a slot that drew nothing yet has none.
 */
const QueueCells = memo(function QueueCells({
  row,
  working,
}: {
  row: QueueRow;
  working: string | undefined;
}) {
  return CELLS.map(({ key, className, align, gridCell }) => {
    const cell = gridCell(row);
    return (
      <div
        key={key}
        role="gridcell"
        className={cell.look ? `${className} queue-${cell.look}` : className}
        data-align={align}
        title={cell.title}
      >
        {working !== undefined && key === WORKING_CELL ? (
          <span className="queue-line">
            {workingMarker(working)}
            <span className="queue-fit">{cell.content}</span>
          </span>
        ) : (
          cell.content
        )}
      </div>
    );
  });
});
